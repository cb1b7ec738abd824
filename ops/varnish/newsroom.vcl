vcl 4.1;
# Varnish in front of Newsroom's app servers (docs/deploy.md).
#
# Keeps what the site says may be kept, for as long as it says: public pages carry
# `Cache-Control: public, max-age, s-maxage, stale-while-revalidate`, and Varnish takes
# s-maxage as the time to live and stale-while-revalidate as the grace. Staff, readers
# with a message waiting or who have just posted, and every POST go straight through.
#
# Purged by surrogate key (vmod xkey, from varnish-modules): each public page lists its
# keys in an `xkey` header (article-10015, section-world, front, ...; see
# pagecache/surrogates.py), kept with the object and taken off before it reaches a
# reader. The app servers send `PURGE` with the keys of each change in `xkey-purge`.
#
# `backends.vcl`, on vcl_path, names the app servers and makes of them a director called
# `app` in its own vcl_init (ops/cluster.py writes one for the servers it starts).

import std;
import xkey;
import directors;

include "backends.vcl";

# Who may purge: the app servers. Add their private network in a deployment.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Not allowed"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the keys in xkey-purge"));
        }
        std.log("xkey-purge: " + req.http.xkey-purge);
        # A hard purge: the next reader gets a page made after the change, never a stale
        # copy in grace.
        set req.http.purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.purged));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # A session (staff, a logged-in reader), a message waiting, or a post just sent
    # (newsroom/replicas.py): that reader's own page, never shared.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages|newsroom_wrote)=") {
        return (pass);
    }
    if (req.url ~ "^/(admin|preview)/") {
        return (pass);
    }
    # Any other cookie (a CSRF token) changes nothing the site shows an anonymous reader.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # The site's own headers decide: `private`, `no-store` and any Set-Cookie are not
    # kept (Varnish's built-in rules, which run after this). Nothing is kept that the site
    # did not mark public.
    if (beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # A page made while something changed (s-maxage=0): passed on to this reader, not
    # kept, and the next reader's request fetches a new one at once.
    if (beresp.ttl <= 0s) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
}

sub vcl_deliver {
    # The keys are for this cache, not for readers (or another cache downstream).
    unset resp.http.xkey;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

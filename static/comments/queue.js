/* The moderation queue: decide in place, by keyboard, and undo.
 *
 * j/k move between comments, a/r/s/d decide the focused one, z undoes the last decision
 * (for as long as the queue's undo window, data-undo-seconds), ? lists the keys. Each
 * decision posts the same form the buttons post without this script, asking for JSON;
 * the row leaves the list, the next one takes the focus, and the result is announced
 * with an Undo button.
 *
 * A key decides only on a comment that has been read: its text on screen, in the focused
 * row, for READ_MS at least. A key pressed sooner brings the comment into view and says
 * so; pressed again once it is read, it decides. The buttons decide at once: they sit
 * beside the text the pointer is on.
 */
function startModerationQueue() {
  "use strict";

  var form = document.getElementById("changelist-form");
  var announcer = document.getElementById("queue-announcer");
  var announcement = document.getElementById("queue-announcement");
  var undoButton = document.getElementById("queue-undo");
  var keysDialog = document.getElementById("queue-keys");
  if (!form || !announcer || !announcement) {
    return;
  }
  var KEYS = { a: "approve", r: "reject", s: "spam", d: "dismiss" };
  // COMMENTS_READ_MS, set on the page by the server.
  var READ_MS = parseInt(announcement.dataset.readMs, 10);
  if (isNaN(READ_MS) || READ_MS < 0) {
    READ_MS = 250;
  }
  var undoSeconds = parseInt(announcement.dataset.undoSeconds, 10) || 10;
  var busy = false;
  var last = null;
  var undoTimer = null;
  var readTimer = null;
  var inView = new Set();
  var CARRIED = "moderation-queue-undo";

  function rows() {
    return Array.prototype.slice.call(form.querySelectorAll("#result_list tbody tr")).filter(
      function (row) { return row.querySelector(".queue-item"); }
    );
  }

  function focused() {
    return form.querySelector("tr.queue-focused");
  }

  // Reading: a row is read once its text has been in view, focused, for READ_MS.

  function startReading(row) {
    clearTimeout(readTimer);
    if (!row || row.classList.contains("queue-read") || !inView.has(row)) {
      return;
    }
    readTimer = setTimeout(function () {
      if (focused() === row && inView.has(row)) {
        row.classList.add("queue-read");
      }
    }, READ_MS);
  }

  var watcher = new IntersectionObserver(
    function (entries) {
      entries.forEach(function (entry) {
        var row = entry.target.closest("tr");
        var screen = entry.rootBounds ? entry.rootBounds.height : window.innerHeight;
        // All of the text, or (for a comment taller than the screen) most of the screen.
        var shown = entry.isIntersecting &&
          (entry.intersectionRatio > 0.98 || entry.intersectionRect.height > screen * 0.6);
        if (shown) {
          inView.add(row);
          if (focused() === row) {
            startReading(row);
          }
        } else {
          inView.delete(row);
        }
      });
    },
    { threshold: [0, 0.25, 0.5, 0.75, 0.99, 1] }
  );

  function watch(row) {
    watcher.observe(row.querySelector(".queue-body") || row);
  }

  function focusRow(row) {
    var current = focused();
    if (current) {
      current.classList.remove("queue-focused");
      current.removeAttribute("aria-current");
    }
    if (!row) {
      return;
    }
    row.classList.add("queue-focused");
    row.setAttribute("aria-current", "true");
    row.focus({ preventScroll: true });
    var tall = row.getBoundingClientRect().height > window.innerHeight;
    row.scrollIntoView({ block: tall ? "start" : "nearest" });
    startReading(row);
  }

  function move(step) {
    var all = rows();
    var index = all.indexOf(focused());
    var next = all[Math.min(Math.max(index + step, 0), all.length - 1)];
    focusRow(next);
  }

  function announce(text, undoable) {
    announcer.textContent = text;
    clearTimeout(undoTimer);
    undoButton.hidden = !undoable;
    if (undoable) {
      undoTimer = setTimeout(endUndo, Math.max(0, last.until - Date.now()));
    }
  }

  // Counts: the heading, the Pending and Reported tabs, and the list's own count.

  function setText(selector, value) {
    document.querySelectorAll(selector).forEach(function (element) {
      element.textContent = value;
    });
  }

  function updateCounts(answer, rowsChange) {
    if (typeof answer.waiting !== "number") {
      return;
    }
    var pattern = /Moderation queue: \d+ waiting/;
    var heading = document.querySelector("#content h1");
    var text = "Moderation queue: " + answer.waiting + " waiting";
    if (heading) {
      heading.textContent = heading.textContent.replace(pattern, text);
    }
    document.title = document.title.replace(pattern, text);
    setText('[data-queue-count="pending"]', answer.waiting);
    setText('[data-queue-count="reported"]', answer.reported);
    var view = announcement.dataset.view;
    var whole = !announcement.hasAttribute("data-filtered");
    document.querySelectorAll("[data-queue-results]").forEach(function (element) {
      var count;
      if (whole && view === "pending") {
        count = answer.waiting;
      } else if (whole && view === "reported") {
        count = answer.reported;
      } else {
        count = Math.max(0, parseInt(element.textContent, 10) + rowsChange);
      }
      element.textContent = count;
      var noun = element.parentNode.querySelector("[data-queue-noun]");
      if (noun) {
        noun.textContent = count === 1 ? noun.dataset.one : noun.dataset.many;
      }
    });
    updateSelectionCount();
  }

  // Django's "0 of 50 selected", counted again over the rows still on the page.
  function updateSelectionCount() {
    var counter = document.querySelector(".action-counter");
    if (!counter) {
      return;
    }
    var boxes = rows().map(function (row) { return row.querySelector("input.action-select"); });
    var ticked = boxes.filter(function (box) { return box && box.checked; }).length;
    counter.dataset.actionsIcnt = boxes.length;
    counter.textContent = ticked + " of " + boxes.length + " selected";
  }

  function post(url, fields) {
    var body = new URLSearchParams();
    body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    Object.keys(fields).forEach(function (name) {
      body.append(name, fields[name]);
    });
    return fetch(url, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (answer) {
        return { ok: response.ok, answer: answer };
      });
    });
  }

  function setVersion(item, version) {
    item.dataset.version = version;
    var seen = item.querySelector('input[name="seen-' + item.dataset.comment + '"]');
    if (seen) {
      seen.value = version;
    }
  }

  function decide(row, decision, byKey) {
    if (busy || !row) {
      return;
    }
    var button = row.querySelector('button[name="decision"][value="' + decision + '"]');
    var item = row.querySelector(".queue-item");
    if (!button || button.disabled || !item) {
      return;
    }
    if (byKey && !row.classList.contains("queue-read")) {
      focusRow(row);
      announce("Read the comment by " + item.dataset.name + " first: press the key again once it is on screen.", false);
      return;
    }
    busy = true;
    var fields = { decision: decision };
    fields["seen-" + item.dataset.comment] = item.dataset.version;
    post(button.formAction, fields)
      .then(function (result) {
        busy = false;
        var answer = result.answer;
        if (!result.ok) {
          updateCounts(answer, 0);
          row.classList.add("queue-refused");
          announce(answer.message, false);
          return;
        }
        var all = rows();
        var next = all[all.indexOf(row) + 1] || all[all.indexOf(row) - 1];
        last = {
          row: row,
          item: item,
          parent: row.parentNode,
          before: row.nextElementSibling,
          url: item.dataset.undoUrl,
          version: answer.version,
          until: Date.now() + undoSeconds * 1000,
        };
        row.classList.remove("queue-focused");
        row.removeAttribute("aria-current");
        row.remove();
        inView.delete(row);
        updateCounts(answer, -1);
        var message = answer.message + " " + answer.waiting + " waiting.";
        if (!rows().length && answer.waiting > 0) {
          // The page's last row: fetch the next page, the decision still undoable there.
          sessionStorage.setItem(CARRIED, JSON.stringify({
            url: last.url, version: last.version, until: last.until, message: message,
          }));
          window.location.reload();
          return;
        }
        focusRow(next);
        announce(message, true);
      })
      .catch(function () {
        busy = false;
        announce("The decision could not be sent. Check the connection and try again.", false);
      });
  }

  function endUndo() {
    undoButton.hidden = true;
    last = null;
  }

  // A decision carried over from the page before (its last row), still undoable here.
  function carriedDecision() {
    var carried = null;
    try {
      carried = JSON.parse(sessionStorage.getItem(CARRIED) || "null");
    } catch (error) {
      carried = null;
    }
    sessionStorage.removeItem(CARRIED);
    if (carried && carried.url && carried.until > Date.now()) {
      last = { row: null, url: carried.url, version: carried.version, until: carried.until };
      announce(carried.message, true);
    } else if (carried && !carried.url) {
      announce(carried.message, false);
    }
  }

  function undo() {
    if (busy) {
      return;
    }
    if (!last || Date.now() > last.until) {
      announce("Nothing to undo: a decision can be undone for " + undoSeconds + " seconds.", false);
      return;
    }
    var undone = last;
    busy = true;
    post(undone.url, { version: undone.version })
      .then(function (result) {
        busy = false;
        last = null;
        var answer = result.answer;
        if (!result.ok) {
          updateCounts(answer, 0);
          announce(answer.message, false);
          return;
        }
        var message = answer.message + " " + answer.waiting + " waiting.";
        if (!undone.row) {
          // Decided on the page before: it comes back at its place in the queue.
          sessionStorage.setItem(CARRIED, JSON.stringify({ message: message }));
          window.location.reload();
          return;
        }
        if (undone.before && undone.before.parentNode === undone.parent) {
          undone.parent.insertBefore(undone.row, undone.before);
        } else {
          undone.parent.appendChild(undone.row);
        }
        setVersion(undone.item, answer.version);
        undone.row.classList.remove("queue-refused");
        watch(undone.row);
        updateCounts(answer, 1);
        focusRow(undone.row);
        announce(message, false);
      })
      .catch(function () {
        busy = false;
        announce("The undo could not be sent. Check the connection and try again.", false);
      });
  }

  undoButton.addEventListener("click", undo);

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[name=decision]");
    if (button && button.hasAttribute("data-plain")) {
      return;
    }
    if (!button) {
      var clicked = event.target.closest("tr");
      if (clicked && clicked.querySelector(".queue-item") && !event.target.closest("a, input")) {
        focusRow(clicked);
      }
      return;
    }
    event.preventDefault();
    var row = button.closest("tr");
    focusRow(row);
    decide(row, button.value, false);
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    if (event.target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    if (event.key === "?") {
      event.preventDefault();
      if (keysDialog.open) {
        keysDialog.close();
      } else {
        keysDialog.showModal();
      }
      return;
    }
    if (keysDialog && keysDialog.open) {
      return;
    }
    if (event.key === "j") {
      event.preventDefault();
      move(1);
    } else if (event.key === "k") {
      event.preventDefault();
      move(-1);
    } else if (event.key === "z") {
      event.preventDefault();
      undo();
    } else if (KEYS[event.key]) {
      event.preventDefault();
      decide(focused(), KEYS[event.key], true);
    }
  });

  rows().forEach(function (row) {
    row.tabIndex = -1;
    watch(row);
  });
  focusRow(rows()[0]);
  carriedDecision();
}

// Loaded in the page's head by the admin: wait for the queue to exist.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", startModerationQueue);
} else {
  startModerationQueue();
}

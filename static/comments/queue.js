/* The moderation queue: decide in place, and by keyboard.
 *
 * j/k move between comments, a/r/s decide the focused one, ? lists the keys. Each
 * decision posts the same form the buttons post without this script, asking for JSON;
 * the row leaves the list, the next one takes the focus, and the result is announced.
 */
function startModerationQueue() {
  "use strict";

  var form = document.getElementById("changelist-form");
  var announcer = document.getElementById("queue-announcer");
  var keysDialog = document.getElementById("queue-keys");
  if (!form || !announcer) {
    return;
  }
  var KEYS = { a: "approve", r: "reject", s: "spam", d: "dismiss" };
  var busy = false;

  function rows() {
    return Array.prototype.slice.call(form.querySelectorAll("#result_list tbody tr")).filter(
      function (row) { return row.querySelector(".queue-item"); }
    );
  }

  function focused() {
    return form.querySelector("tr.queue-focused");
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
    row.focus();
  }

  function move(step) {
    var all = rows();
    var index = all.indexOf(focused());
    var next = all[Math.min(Math.max(index + step, 0), all.length - 1)];
    focusRow(next);
  }

  function announce(text) {
    announcer.textContent = text;
  }

  function updateWaiting(waiting) {
    var pattern = /Moderation queue: \d+ waiting/;
    var heading = document.querySelector("#content h1");
    var text = "Moderation queue: " + waiting + " waiting";
    if (heading) {
      heading.textContent = heading.textContent.replace(pattern, text);
    }
    document.title = document.title.replace(pattern, text);
  }

  function decide(row, decision) {
    if (busy || !row) {
      return;
    }
    var button = row.querySelector('button[name="decision"][value="' + decision + '"]');
    var item = row.querySelector(".queue-item");
    if (!button || button.disabled || !item) {
      return;
    }
    busy = true;
    var body = new FormData();
    body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    body.append("decision", decision);
    body.append("seen-" + item.dataset.comment, item.dataset.version);
    fetch(button.formAction, {
      method: "POST",
      body: new URLSearchParams(body),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (answer) {
          return { ok: response.ok, answer: answer };
        });
      })
      .then(function (result) {
        busy = false;
        var answer = result.answer;
        if (typeof answer.waiting === "number") {
          updateWaiting(answer.waiting);
        }
        if (!result.ok) {
          row.classList.add("queue-refused");
          announce(answer.message);
          return;
        }
        var all = rows();
        var next = all[all.indexOf(row) + 1] || all[all.indexOf(row) - 1];
        row.remove();
        focusRow(next);
        announce(answer.message + " " + answer.waiting + " waiting.");
        if (!rows().length && answer.waiting > 0) {
          window.location.reload();
        }
      })
      .catch(function () {
        busy = false;
        announce("The decision could not be sent. Check the connection and try again.");
      });
  }

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
    decide(row, button.value);
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
    } else if (KEYS[event.key]) {
      event.preventDefault();
      decide(focused(), KEYS[event.key]);
    }
  });

  rows().forEach(function (row) {
    row.tabIndex = -1;
  });
  focusRow(rows()[0]);
}

// Loaded in the page's head by the admin: wait for the queue to exist.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", startModerationQueue);
} else {
  startModerationQueue();
}

/* Clinic Desk moderation queue: keyboard shortcuts on top of plain forms.
   Everything here also works without this script: every action is a button in a form.
   j/k move, a approve, r reject, s spam, x select, ? help. A moderator can switch the
   shortcuts off; the choice is kept in this browser (localStorage). */
(function () {
  "use strict";

  var STORAGE_KEY = "clinicDesk.shortcuts";
  var KEY_ACTIONS = { a: "approve", r: "reject", s: "spam" };
  var items = Array.prototype.slice.call(document.querySelectorAll(".queue-item"));
  var announcer = document.getElementById("queue-announcer");
  var toggleBox = document.getElementById("shortcut-toggle");
  var enabledInput = document.getElementById("shortcuts-enabled");
  var help = document.getElementById("shortcut-help");
  var helpButton = document.getElementById("shortcut-help-button");
  var current = -1;

  function readPreference() {
    try {
      return window.localStorage.getItem(STORAGE_KEY) !== "off";
    } catch (error) {
      return true;
    }
  }

  function writePreference(on) {
    try {
      window.localStorage.setItem(STORAGE_KEY, on ? "on" : "off");
    } catch (error) {
      /* private mode: the choice lasts for this page only */
    }
  }

  var enabled = readPreference();

  function announce(text) {
    if (!announcer) return;
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function showHints(on) {
    document.body.classList.toggle("shortcuts-on", on);
  }

  function select(index) {
    if (!items.length) return;
    index = Math.max(0, Math.min(items.length - 1, index));
    if (current >= 0 && items[current]) items[current].classList.remove("is-current");
    current = index;
    var item = items[current];
    item.classList.add("is-current");
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest" });
  }

  function itemLabel(item) {
    return item.getAttribute("data-kind") + " #" + item.getAttribute("data-id");
  }

  function toggleSelection(item) {
    var box = item.querySelector(".select-item");
    if (!box) return;
    box.checked = !box.checked;
    announce((box.checked ? "Selected " : "Unselected ") + itemLabel(item));
  }

  function act(item, action) {
    var button = item.querySelector('.item-actions button[data-action="' + action + '"]');
    if (!button) {
      announce("Cannot " + action + " " + itemLabel(item) + " in its current status.");
      return;
    }
    var form = button.form;
    var data = new FormData(form);
    data.set("action", action);
    button.disabled = true;
    // Not form.action: the buttons are named "action", which shadows that property.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        button.disabled = false;
        if (!result.ok) {
          announce(result.body.message || "That did not work.");
          return;
        }
        var badge = item.querySelector('[data-role="status"]');
        if (badge) {
          badge.textContent = result.body.status;
          badge.className = "badge badge-status status-" + result.body.status;
        }
        item.classList.add("is-done");
        Array.prototype.forEach.call(item.querySelectorAll(".item-actions button"), function (b) {
          b.disabled = true;
        });
        announce(result.body.message);
        if (current < items.length - 1) select(current + 1);
      })
      .catch(function () {
        button.disabled = false;
        announce("The server could not be reached; nothing was changed.");
      });
  }

  function toggleHelp() {
    if (!help) return;
    help.hidden = !help.hidden;
    if (!help.hidden) help.scrollIntoView({ block: "nearest" });
  }

  function isTyping(target) {
    var tag = (target && target.tagName) || "";
    return /^(INPUT|TEXTAREA|SELECT)$/.test(tag) || (target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (!enabled || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target)) return;
    var key = event.key;
    if (key === "?") {
      toggleHelp();
    } else if (key === "j") {
      select(current + 1);
    } else if (key === "k") {
      select(current < 0 ? 0 : current - 1);
    } else if (key === "x" && current >= 0) {
      toggleSelection(items[current]);
    } else if (KEY_ACTIONS[key] && current >= 0) {
      act(items[current], KEY_ACTIONS[key]);
    } else {
      return;
    }
    event.preventDefault();
  });

  items.forEach(function (item, index) {
    item.addEventListener("click", function () {
      if (current >= 0 && items[current]) items[current].classList.remove("is-current");
      current = index;
      item.classList.add("is-current");
    });
  });

  if (toggleBox && enabledInput) {
    toggleBox.hidden = false;
    enabledInput.checked = enabled;
    showHints(enabled);
    enabledInput.addEventListener("change", function () {
      enabled = enabledInput.checked;
      writePreference(enabled);
      showHints(enabled);
      announce(enabled ? "Keyboard shortcuts on." : "Keyboard shortcuts off.");
    });
  }
  if (helpButton) helpButton.addEventListener("click", toggleHelp);
})();

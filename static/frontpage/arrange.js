// Arranging the front page: move a story up or down a slot, or drag it onto another slot.
// Moving swaps the two menus' choices; the form then saves the slots as they read.
// Without this script the menus alone arrange the page. Loaded in the admin's <head>.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var slots = Array.prototype.slice.call(document.querySelectorAll("[data-slot]"));
  if (!slots.length) {
    return;
  }

  function menu(slot) {
    return slot.querySelector("select");
  }

  function swap(a, b) {
    var first = menu(a);
    var second = menu(b);
    var value = first.value;
    first.value = second.value;
    second.value = value;
  }

  slots.forEach(function (slot, index) {
    slot.querySelector(".arrange-moves").hidden = false;
    slot.querySelector(".arrange-handle").hidden = false;
    slot.querySelectorAll("[data-move]").forEach(function (button) {
      var other = button.getAttribute("data-move") === "up" ? index - 1 : index + 1;
      button.disabled = other < 0 || other >= slots.length;
      button.addEventListener("click", function () {
        swap(slot, slots[other]);
        menu(slots[other]).focus();
      });
    });
    slot.draggable = true;
    slot.addEventListener("dragstart", function (event) {
      event.dataTransfer.setData("text/plain", String(index));
      event.dataTransfer.effectAllowed = "move";
      slot.classList.add("is-dragged");
    });
    slot.addEventListener("dragend", function () {
      slot.classList.remove("is-dragged");
    });
    slot.addEventListener("dragover", function (event) {
      event.preventDefault();
      slot.classList.add("is-target");
    });
    slot.addEventListener("dragleave", function () {
      slot.classList.remove("is-target");
    });
    slot.addEventListener("drop", function (event) {
      event.preventDefault();
      slot.classList.remove("is-target");
      var from = parseInt(event.dataTransfer.getData("text/plain"), 10);
      if (!isNaN(from) && from !== index) {
        swap(slots[from], slot);
      }
    });
  });
});

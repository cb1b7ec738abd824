// The focal point, set by clicking the picture: the click's place, in percent across and
// down, goes into the form's two number fields (which stay, for keyboards and browsers
// without scripts), and a marker shows it on the picture.
//
// Only the picture the form was opened with takes a click: its focal point is what the
// form saves. Another picture chosen keeps its own, set in the image library.
(function () {
  "use strict";

  function clamp(value) {
    return Math.min(100, Math.max(0, Math.round(value)));
  }

  function setUp(frame) {
    const picture = frame.querySelector("img");
    const marker = frame.querySelector(".focal-marker");
    const across = document.getElementById(frame.dataset.focusXInput);
    const down = document.getElementById(frame.dataset.focusYInput);
    const select = document.getElementById(picture.id.replace(/_thumbnail$/, ""));
    if (!picture || !marker || !across || !down) return;

    function isOpenedPicture() {
      return !select || select.value === frame.dataset.focalPointFor;
    }

    function show() {
      const x = Number(across.value);
      const y = Number(down.value);
      const shown = isOpenedPicture() && across.value !== "" && down.value !== "";
      marker.hidden = !shown || x < 0 || x > 100 || y < 0 || y > 100;
      frame.classList.toggle("focal-point-active", isOpenedPicture());
      if (!marker.hidden) {
        marker.style.left = `${x}%`;
        marker.style.top = `${y}%`;
      }
    }

    picture.addEventListener("click", (event) => {
      if (!isOpenedPicture()) return;
      const box = picture.getBoundingClientRect();
      across.value = clamp(((event.clientX - box.left) / box.width) * 100);
      down.value = clamp(((event.clientY - box.top) / box.height) * 100);
      for (const input of [across, down]) {
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
      show();
    });
    across.addEventListener("input", show);
    down.addEventListener("input", show);
    if (select && window.django && window.django.jQuery) {
      // select2 announces a new choice through jQuery only.
      window.django.jQuery(select).on("change", show);
    }
    show();
  }

  function start() {
    document.querySelectorAll(".chosen-picture-frame[data-focal-point-for]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// The lead image chooser: the thumbnail beside it follows the picture chosen.
django.jQuery(document).on("change", "select[data-library-chooser]", function () {
  const thumbnail = document.getElementById(`${this.id}_thumbnail`);
  if (!thumbnail) return;
  // Another picture: its own proportions, once it has loaded.
  thumbnail.removeAttribute("width");
  thumbnail.removeAttribute("height");
  if (this.value) {
    thumbnail.src = `${thumbnail.dataset.lookup}?id=${encodeURIComponent(this.value)}`;
    thumbnail.hidden = false;
  } else {
    thumbnail.removeAttribute("src");
    thumbnail.hidden = true;
  }
});

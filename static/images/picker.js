// The image library's picker: hands the chosen image to the body editor that opened it.
document.addEventListener("click", (event) => {
  const choice = event.target.closest("[data-library-image]");
  const editor = window.opener && window.opener.CKEDITOR;
  if (!choice || !editor) return;
  const number = new URLSearchParams(window.location.search).get("CKEditorFuncNum");
  editor.tools.callFunction(number, choice.dataset.url, {
    id: choice.dataset.libraryImage,
    alternative_text: choice.dataset.alt,
    caption: choice.dataset.caption,
  });
  window.close();
});

// Koppel (LAS and EA): the little behaviour the pages need, without inline scripts (the CSP forbids them).
// - [data-dialog="id"] on a button opens <dialog id="id"> (e.g. the confirmation of Afnemen);
//   without JavaScript the button's own form or link is used, which shows a confirmation page.
// - [data-dialog-close] closes the dialog it is in.
// - select[data-autosubmit] submits its form when changed.
// - [data-copy="id"] copies the text of element #id to the clipboard.
document.addEventListener("click", (event) => {
  const opener = event.target.closest("[data-dialog]");
  if (opener) {
    const dialog = document.getElementById(opener.dataset.dialog);
    if (dialog && typeof dialog.showModal === "function") {
      event.preventDefault();
      dialog.showModal();
    }
    return;
  }
  const closer = event.target.closest("[data-dialog-close]");
  if (closer) {
    event.preventDefault();
    closer.closest("dialog").close();
    return;
  }
  const copier = event.target.closest("[data-copy]");
  if (copier && navigator.clipboard) {
    const source = document.getElementById(copier.dataset.copy);
    navigator.clipboard.writeText(source.textContent.trim()).then(() => {
      copier.textContent = "Gekopieerd";
    });
  }
});
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-autosubmit]") && event.target.value) {
    event.target.form.submit();
  }
});

// The body editor's own extensions, loaded by django-prose-editor (articles/editor.py).
import { crel, Extension, Plugin } from "django-prose-editor/editor";

// Writers want their spelling checked: the editor says so to the browser, in place of
// the package's default, which turns it off.
export const SpellCheck = Extension.create({
  name: "spellCheck",

  addProseMirrorPlugins() {
    return [new Plugin({ props: { attributes: { spellcheck: "true" } } })];
  },
});

// The block-style menu names a selected figure as a figure.
//
// The menu shows the style of the block the cursor is in (paragraph, heading 2, ...); a
// figure is none of those, and the menu fell back to a "?" mark. This item is offered
// only while a figure is selected, so the menu shows the figure's picture icon instead.
export const FigureBlockStyle = Extension.create({
  name: "figureBlockStyle",

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "figureBlockStyle",
      groups: "blockType",
      priority: 1,
      button: buttons.material("image", "figure"),
      option: crel("p", { textContent: "Figure" }),
      active: (editor) => editor.isActive("figure"),
      hidden: (editor) => !editor.isActive("figure"),
      command() {},
    });
  },
});

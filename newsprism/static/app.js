// newsprism web UI: tabs, evidence on click, tone bars. No inline scripts (the CSP forbids them).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll(".comparison")) {
    const tabs = box.querySelectorAll("[role=tab]");
    const panels = box.querySelectorAll("section.tab");
    for (const tab of tabs) {
      tab.addEventListener("click", () => {
        for (const t of tabs) t.setAttribute("aria-selected", String(t === tab));
        for (const p of panels) p.hidden = p.dataset.panel !== tab.dataset.tab;
      });
    }
    for (const link of box.querySelectorAll(".evidence-link")) {
      link.addEventListener("click", () => {
        const row = link.closest("tr").nextElementSibling;
        const target = row.querySelector("#" + CSS.escape(link.dataset.target));
        const open = !target.hidden;
        for (const ev of row.querySelectorAll(".evidence")) ev.hidden = true;
        target.hidden = open;
        row.hidden = open;
        for (const l of link.closest("tr").querySelectorAll(".evidence-link")) l.classList.remove("active");
        if (!open) link.classList.add("active");
      });
    }
  }
  for (const bar of document.querySelectorAll(".bar span[data-width]")) {
    bar.style.width = bar.dataset.width + "%";
  }
});

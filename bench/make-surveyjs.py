#!/usr/bin/env python3
"""Writes the peer's questionnaire for the side-by-side benchmark: the widget's own general
questions (content/questions/*.toml, every sector's common part) as a SurveyJS survey in
Vietnamese, one page per area in the widget's order, each choice question a radio group with the
widget's four answer labels (locales/vi.toml), each numeric question a number input.

    python3 bench/make-surveyjs.py > bench/out/surveyjs/survey.json
"""
import glob
import json
import sys
import tomllib
from pathlib import Path

root = Path(__file__).resolve().parent.parent
checklist = tomllib.loads((root / "content/checklist.toml").read_text(encoding="utf-8"))
labels = tomllib.loads((root / "locales/vi.toml").read_text(encoding="utf-8"))["answer"]
questions = []
for path in sorted(glob.glob(str(root / "content/questions/*.toml"))):
    questions += tomllib.loads(Path(path).read_text(encoding="utf-8")).get("questions", [])

choices = [
    {"value": level, "text": labels[level]}
    for level in ("done", "partly", "not_yet", "not_applicable")
]
pages = []
for area in checklist["areas"]:
    elements = []
    for q in questions:
        if q["area"] != area["id"] or q.get("sectors"):
            continue
        element = {"name": q["id"], "title": q["text_vi"], "description": q.get("help_vi", "")}
        if "number" in q:
            element.update(type="text", inputType="number", min=0)
        else:
            element.update(type="radiogroup", choices=choices)
        elements.append(element)
    pages.append({"name": area["id"], "title": area["vi"], "elements": elements})

json.dump(
    {"locale": "vi", "title": "Tự đánh giá sản xuất sạch hơn", "pages": pages},
    sys.stdout,
    ensure_ascii=False,
)
print(sum(len(p["elements"]) for p in pages), "questions on", len(pages), "pages", file=sys.stderr)

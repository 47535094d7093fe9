"""Reads an exported CSV as a spreadsheet would (Python's csv module) and checks that every
value the app marks numeric (a number-like value column) reads as a number, and that the
header is right. Prints 'ok N numbers'. Usage: csv-check.py FILE [;]"""
import csv
import sys
from decimal import Decimal

path = sys.argv[1]
sep = sys.argv[2] if len(sys.argv) > 2 else ","
with open(path, encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f, delimiter=sep))
assert rows[0] == ["metric", "kind", "field", "label", "value", "shown", "unit", "note", "scenario"], rows[0]
numbers = 0
for row in rows[1:]:
    assert len(row) == 9, row
    value = row[4]
    if value and value[0] in "-0123456789":
        Decimal(value.replace(",", ".") if sep == ";" else value)
        float(value.replace(",", ".") if sep == ";" else value)
        numbers += 1
print(f"ok {numbers} numbers")

#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
# Validates schedule.json files against c3voc's schedule.schema.json
# (draft-06) with Debian's python3-jsonschema.  Usage:
#   validate_schedule_json.py SCHEMA FILE...
# Prints "FILE validates" or the first errors; exits 1 on any failure.
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
validator = jsonschema.Draft6Validator(schema)
bad = 0
for path in sys.argv[2:]:
    doc = json.load(open(path, encoding="utf-8"))
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    if errors:
        bad += 1
        print(f"{path}: {len(errors)} errors")
        for e in errors[:5]:
            print("  at", "/".join(str(p) for p in e.path), ":", e.message[:200])
    else:
        print(f"{path} validates")
sys.exit(1 if bad else 0)

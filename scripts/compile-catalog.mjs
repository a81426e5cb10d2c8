#!/usr/bin/env node
// Part of `npm run build`: validates detectors/*.yaml once and writes dist/detectors/catalog.json,
// so a scan (the pre-commit hook above all) reads one JSON file instead of parsing 150 YAML files.
import { compileCatalog } from "../dist/detectors/index.js";

const n = await compileCatalog();
console.log(`compiled ${n} detector rules`);

#!/usr/bin/env python3
"""Derives data-schemas/codelists/annex_a_*.csv from the Codes_used sheet of Ofsted's Annex A template
(dumped to TSV, one spreadsheet row per line). Each list: one row per code with the template's
'Preferred code' text as label, then alias rows (same code) for the 'Detail' text, the text without its
code, and common free-text forms. Run: python3 codes_used_to_codelists.py codes_used.tsv"""
import csv, re, sys

rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1], encoding='utf-8') if not l.startswith('MERGED')]
width = max(len(r) for r in rows)
cell = lambda r, c: rows[r][c].strip() if c < len(rows[r]) else ''

# Codes_used column (by its heading) -> codelist name; yes/no style lists share one list
LISTS = {'Gender': 'gender', 'Ethnicity': 'ethnicity', 'Contact / Referral Source': 'source',
         'Does the Child have a Disability': 'yes_no_unknown', 'Primary Need Code': 'primary_need',
         'Reason for Closure': 'reason_for_closure', 'Case status': 'case_status',
         'Initial/Latest Category of Abuse': 'category_of_abuse', "Child's Legal Status": 'legal_status',
         'What is the permanence plan for this child?': 'permanence_plan',
         'Reason Ceased to be Looked After': 'reason_ceased', 'Placement Type': 'placement_type',
         'Placement Provider': 'placement_provider', 'Placement Location': 'placement_location',
         'LA of Placement': 'la_of_placement', 'Eligibility Category': 'eligibility', 'LA In Touch': 'in_touch',
         'Type of Accommodation': 'accommodation', 'Suitability of Accommodation': 'suitability',
         'Activity Status': 'activity', 'Reason Why Child No Longer Placed for Adoption': 'adoption_reversal_reason'}
CATEGORY = {'neglect': 'NEG', 'physical abuse': 'PHY', 'sexual abuse': 'SAB', 'emotional abuse': 'EMO',
            'multiple not recommended': 'MUL'}
EXTRA = {'gender': [('male', 'M'), ('female', 'F'), ('not_stated_recorded', 'U'), ('not_stated_recorded', 'Unknown'),
                    ('not_stated_recorded', 'Not stated'), ('not_stated_recorded', 'Unborn'), ('neither', 'Other')],
         'yes_no_unknown': [('yes', 'Y'), ('no', 'N'), ('unknown', 'U'), ('yes', 'TRUE'), ('no', 'FALSE')],
         'reason_for_closure': [('RC9', 'RC9 - Case closed after assessment, referred to early help')],
         'source': [('5D', '5D: Early help')], 'primary_need': [], 'category_of_abuse': [(v, k) for k, v in CATEGORY.items()]}
CODE = re.compile(r'^([A-Za-z0-9]{1,4})\s*(?::|\s[-\u2013]\s)\s*(.*)$')

def strip_prefix(s):
    return re.sub(r'^[a-zA-Z]{1,2}\)\s*', '', s.strip())

def norm(s):
    s = strip_prefix(s).lower().replace('\u2019', "'").replace("'", '')
    return re.sub(r'[^a-z0-9]+', ' ', s).strip()

def code_of(list_name, preferred):
    t = strip_prefix(preferred)
    m = CODE.match(t)
    if m:
        return m.group(1).upper(), m.group(2)
    if list_name == 'ethnicity':
        return t.upper(), None
    if list_name == 'category_of_abuse':
        return CATEGORY[norm(t)], None
    return norm(t).replace(' ', '_'), None

out = {}
for c in range(width):
    head = cell(0, c)
    if head not in LISTS:
        continue
    name = LISTS[head]
    sub = [cell(1, c + k) for k in range(4)]
    detail = c + 1 if sub[1] == 'Detail' else None
    entries = out.setdefault(name, [])
    for r in range(2, len(rows)):
        pref = cell(r, c)
        if not pref or 'CodeError' in pref:
            continue
        code, rest = code_of(name, pref)
        labels = [pref, strip_prefix(pref)]
        if rest:
            labels.append(rest)
        if detail is not None and cell(r, detail):
            labels.append(cell(r, detail))
        for l in labels:
            entries.append((code, l))
for name, extra in EXTRA.items():
    out.setdefault(name, []).extend(extra)
# RC9 is in the CIN census from 2014 but missing from the 2019 template
for name, entries in out.items():
    # drop labels that would map to two codes
    owners = {}
    for code, l in entries:
        owners.setdefault(norm(l), set()).add(code)
    seen = set()
    with open(f'../../codelists/annex_a_{name}.csv', 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['code', 'label', 'from_year', 'to_year'])
        for code, l in entries:
            if len(owners[norm(l)]) > 1 or (code, norm(l)) in seen:
                continue
            seen.add((code, norm(l)))
            w.writerow([code, l, '', ''])
print(sorted(out))

#!/bin/sh
# Refresh the message catalogs after changing user-facing text (run from the repository root):
#   sh locale/update.sh
# Then translate the new empty or "fuzzy" entries of locale/pt_BR/LC_MESSAGES/messages.po.
# English message ids are the source text, so locale/en needs no translation (empty msgstr = the id).
set -e
PYBABEL="${PYBABEL:-.venv/bin/pybabel}"
"$PYBABEL" extract -F locale/babel.cfg -k _ -k ngettext:1,2 --no-location --sort-output --omit-header \
    -o locale/messages.pot .
for lang in pt_BR en; do
    po="locale/$lang/LC_MESSAGES/messages.po"
    if [ -f "$po" ]; then
        "$PYBABEL" update -i locale/messages.pot -d locale -l "$lang" --no-fuzzy-matching --ignore-obsolete
    else
        "$PYBABEL" init -i locale/messages.pot -d locale -l "$lang"
    fi
done

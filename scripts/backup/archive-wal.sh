#!/bin/sh
# WAL archiving for point-in-time recovery: PostgreSQL's archive_command.
#   archive_command = '/path/to/scripts/backup/archive-wal.sh %p %f /backup/wal'
# Copies one finished WAL segment (or .history / .backup file) into the archive folder:
# to a temporary name, flushed to disk, then renamed, so a crash never leaves a half-written
# segment under its real name. Refuses to overwrite a different file of the same name (a second
# cluster archiving into the same folder, or a restored cluster that was not given its own archive);
# an identical copy counts as done (PostgreSQL retries after a crash between copy and report).
# Exit 0 only when the segment is safely in the archive: PostgreSQL keeps the segment until then.
set -eu
src="$1"; name="$2"; dir="$3"
dest="$dir/$name"
if [ -f "$dest" ]; then
  if cmp -s "$src" "$dest"; then exit 0; fi
  echo "archive-wal: $dest exists and differs from $src: refusing to overwrite" >&2
  exit 1
fi
tmp="$dir/.$name.tmp.$$"
cp "$src" "$tmp"
sync "$tmp" 2>/dev/null || sync
mv "$tmp" "$dest"

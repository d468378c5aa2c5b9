#!/usr/bin/env bash
# Install Retention Advisor's desktop entry, icon and .retention file type for the current
# user (XDG folders under ~/.local/share; no root needed). Running it again refreshes the
# files; --uninstall removes them. Tools that refresh the desktop's caches are used when
# present and named when skipped: the files work without them after the next log-in.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: install-desktop.sh [--exec PATH] [--uninstall]

Installs for the current user: the Retention Advisor menu entry, its icon in every size, the
.retention file type (application/x-retention-advisor) and Retention Advisor as the default
application for it, so opening a .retention file runs "retention-advisor FILE".

  --exec PATH   the program the entry runs (for instance a bundle's executable);
                default: retention-advisor on the PATH, else this checkout's
                .venv/bin/retention-advisor
  --uninstall   remove what an earlier run installed
  -h, --help    show this help
EOF
}

APP_ID=retention-advisor
MIME_TYPE=application/x-retention-advisor
ICON_SIZES=(16 24 32 48 64 128 256 512)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ICONS=$ROOT/resources/icons
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
CONFIG=${XDG_CONFIG_HOME:-$HOME/.config}

exec_path=""
uninstall=false
while (($#)); do
    case $1 in
        --exec)
            (($# >= 2)) || { echo "install-desktop.sh: --exec needs a path" >&2; exit 2; }
            exec_path=$2
            shift 2
            ;;
        --exec=*) exec_path=${1#--exec=}; shift ;;
        --uninstall) uninstall=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "install-desktop.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done

say() { printf '%s\n' "$*"; }

# Run a cache-refreshing tool if it is installed; otherwise say what was skipped and what
# that means for the user.
refresh() {
    local tool=$1 what=$2 without=$3
    shift 3
    if ! command -v "$tool" >/dev/null 2>&1; then
        say "skipped: $tool not found; $without"
    elif "$tool" "$@" >/dev/null 2>&1; then
        say "refreshed: $what ($tool)"
    else
        say "warning: $tool failed; $without"
    fi
}

refresh_all() {
    refresh update-mime-database "the file type database" \
        "file managers learn about .retention files when it next runs (package shared-mime-info)" \
        "$DATA/mime"
    refresh update-desktop-database "the applications' file types" \
        "some desktops offer Retention Advisor for .retention files only after the next log-in" \
        "$DATA/applications"
    local flags=(-f -q)
    [[ -f $DATA/icons/hicolor/index.theme ]] || flags+=(--ignore-theme-index)
    refresh gtk-update-icon-cache "the icon cache" "the icon is found without a cache" \
        "${flags[@]}" "$DATA/icons/hicolor"
}

# One Exec argument as the desktop entry specification wants it: quoted when it holds a
# reserved character, then with '%' and '\' escaped for the file itself.
exec_argument() {
    local s=$1
    if [[ $s =~ [[:space:]\"\'\\\>\<~\|\&\;\$\*\?\#\(\)\`] ]]; then
        s=${s//\\/\\\\}
        s=${s//\"/\\\"}
        s=${s//\`/\\\`}
        s=${s//\$/\\\$}
        s="\"$s\""
    fi
    s=${s//%/%%}
    s=${s//\\/\\\\}
    printf '%s' "$s"
}

if $uninstall; then
    removed=0
    for file in "$DATA/applications/$APP_ID.desktop" "$DATA/mime/packages/$APP_ID.xml" \
        "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"; do
        [[ -e $file ]] && rm -f -- "$file" && removed=$((removed + 1))
    done
    for size in "${ICON_SIZES[@]}"; do
        file=$DATA/icons/hicolor/${size}x${size}/apps/$APP_ID.png
        [[ -e $file ]] && rm -f -- "$file" && removed=$((removed + 1))
    done
    if [[ -f $CONFIG/mimeapps.list ]] && grep -q "^$MIME_TYPE=$APP_ID.desktop;\?\$" \
        "$CONFIG/mimeapps.list"; then
        sed -i "\|^$MIME_TYPE=$APP_ID.desktop;\?\$|d" "$CONFIG/mimeapps.list"
        say "removed: the default application for $MIME_TYPE ($CONFIG/mimeapps.list)"
    fi
    say "removed $removed file(s) from $DATA"
    refresh_all
    exit 0
fi

for file in "$HERE/$APP_ID.desktop" "$HERE/$APP_ID-mime.xml" "$ICONS/$APP_ID.svg"; do
    [[ -f $file ]] || { echo "install-desktop.sh: missing $file" >&2; exit 1; }
done

if [[ -n $exec_path ]]; then
    [[ $exec_path == */* ]] || exec_path=$(command -v -- "$exec_path" || echo "$exec_path")
    [[ $exec_path == /* ]] || exec_path=$PWD/$exec_path
    if [[ ! -f $exec_path || ! -x $exec_path ]]; then
        echo "install-desktop.sh: $exec_path is not an executable file" >&2
        exit 2
    fi
    if [[ $exec_path == *$'\n'* ]]; then
        echo "install-desktop.sh: the path of the program holds a line break" >&2
        exit 2
    fi
elif command -v "$APP_ID" >/dev/null 2>&1; then
    exec_path=$APP_ID
elif [[ -x $ROOT/.venv/bin/$APP_ID ]]; then
    exec_path=$ROOT/.venv/bin/$APP_ID
    say "note: $APP_ID is not on the PATH; the entry runs $exec_path"
else
    exec_path=$APP_ID
    say "warning: $APP_ID is not on the PATH; the entry will not start until it is (or use --exec)"
fi

mkdir -p "$DATA/applications" "$DATA/mime/packages" "$DATA/icons/hicolor/scalable/apps"
entry=$DATA/applications/$APP_ID.desktop
while IFS= read -r line; do
    if [[ $line == Exec=* ]]; then
        printf 'Exec=%s %%f\n' "$(exec_argument "$exec_path")"
    else
        printf '%s\n' "$line"
    fi
done <"$HERE/$APP_ID.desktop" >"$entry.tmp"
mv -f -- "$entry.tmp" "$entry"
say "installed: $entry (runs $exec_path)"
cp -f -- "$HERE/$APP_ID-mime.xml" "$DATA/mime/packages/$APP_ID.xml"
say "installed: $DATA/mime/packages/$APP_ID.xml (*.retention is $MIME_TYPE)"
cp -f -- "$ICONS/$APP_ID.svg" "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
for size in "${ICON_SIZES[@]}"; do
    mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps"
    cp -f -- "$ICONS/png/$size.png" "$DATA/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
say "installed: icons in $DATA/icons/hicolor (${ICON_SIZES[*]} px and scalable)"
refresh_all
if command -v xdg-mime >/dev/null 2>&1; then
    if xdg-mime default "$APP_ID.desktop" "$MIME_TYPE" >/dev/null 2>&1; then
        say "default: .retention files open with Retention Advisor"
    else
        say "warning: xdg-mime could not make Retention Advisor the default for .retention files"
    fi
else
    say "skipped: xdg-mime not found; choose Retention Advisor once in \"Open With\" to make it the default"
fi

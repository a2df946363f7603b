#!/usr/bin/env python3
"""Build a rebuildable, deterministic "documentation folder" benchmark corpus.

Everything is made from what a machine with Python has (pydoc text and HTML of
stdlib modules, pydoc language topics, ``--help`` output of stdlib command-line
tools) plus original prose written for this benchmark (man-page-like text,
PDF, Word and Markdown documents).

Usage:
    python build_docs_folder.py --out DIR [--manifest FILE]

Only the standard library is required.  ``fpdf2`` (PDF) and ``python-docx``
(Word) are imported lazily; when missing, those files are skipped with a note.

Text output (pydoc/, topics/, help/, html/, man/, md/) is byte-identical between
runs made with the same interpreter on the same machine.  PDF and DOCX files
use fixed creation dates and fixed ZIP timestamps, so they are byte-identical
too when the same library versions are used.
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import io
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import textwrap
import time
import zipfile

HERE = pathlib.Path(__file__).resolve()

# ---------------------------------------------------------------------------
# Fixed lists
# ---------------------------------------------------------------------------

PYDOC_MODULES = [
    "abc", "argparse", "array", "ast", "asyncio", "atexit", "base64",
    "binascii", "bisect", "builtins", "bz2", "calendar", "cmath", "codecs",
    "collections", "collections.abc", "colorsys", "compileall",
    "concurrent.futures", "configparser", "contextlib", "contextvars", "copy",
    "cProfile", "csv", "ctypes", "dataclasses", "datetime", "decimal",
    "difflib", "dis", "doctest", "email", "email.message", "email.utils",
    "enum", "errno", "fnmatch", "fractions", "ftplib", "functools", "gc",
    "getopt", "getpass", "gettext", "glob", "graphlib", "gzip", "hashlib",
    "heapq", "hmac", "html", "html.parser", "http", "http.client",
    "http.cookiejar", "http.cookies", "http.server", "imaplib", "importlib",
    "importlib.metadata", "importlib.resources", "inspect", "io", "ipaddress",
    "itertools", "json", "locale", "logging", "logging.config",
    "logging.handlers", "lzma", "mailbox", "math", "mimetypes", "mmap",
    "multiprocessing", "netrc", "numbers", "operator", "optparse", "os",
    "os.path", "pathlib", "pdb", "pickle", "pkgutil", "platform", "plistlib",
    "poplib", "pprint", "profile", "pstats", "py_compile", "pwd", "queue",
    "quopri", "random", "re", "resource", "runpy", "sched", "secrets",
    "select", "selectors", "shlex", "shutil", "signal", "site", "smtplib",
    "socket", "socketserver", "sqlite3", "ssl", "statistics", "string",
    "struct", "subprocess", "sys", "sysconfig", "syslog", "tarfile",
    "tempfile", "textwrap", "threading", "time", "timeit", "tokenize",
    "tomllib", "trace", "traceback", "types", "typing", "unicodedata",
    "unittest", "unittest.mock", "urllib", "urllib.error", "urllib.parse",
    "urllib.request", "urllib.robotparser", "uuid", "venv", "warnings",
    "wave", "weakref", "webbrowser", "wsgiref", "xml.dom.minidom",
    "xml.etree.ElementTree", "xmlrpc.client", "zipapp", "zipfile",
    "zipimport", "zlib", "zoneinfo",
]

# Modules rendered as HTML pages (some also exist as pydoc text, some only here).
HTML_MODULES = [
    "csv", "dbm", "filecmp", "fileinput", "glob", "heapq", "json",
    "keyword", "linecache", "reprlib", "secrets", "shelve", "shutil", "stat",
    "textwrap", "zoneinfo",
]

# (file stem, module, arguments)
HELP_TOOLS = [
    ("ast", "ast", ["--help"]),
    ("base64", "base64", ["-h"]),
    ("calendar", "calendar", ["--help"]),
    ("code", "code", ["--help"]),
    ("compileall", "compileall", ["--help"]),
    ("cProfile", "cProfile", ["--help"]),
    ("dis", "dis", ["--help"]),
    ("doctest", "doctest", ["--help"]),
    ("ensurepip", "ensurepip", ["--help"]),
    ("gzip", "gzip", ["--help"]),
    ("http.server", "http.server", ["--help"]),
    ("inspect", "inspect", ["--help"]),
    ("json.tool", "json.tool", ["--help"]),
    ("mimetypes", "mimetypes", ["--help"]),
    ("pdb", "pdb", ["--help"]),
    ("pickletools", "pickletools", ["--help"]),
    ("profile", "profile", ["--help"]),
    ("py_compile", "py_compile", ["--help"]),
    ("pydoc", "pydoc", ["--help"]),
    ("tarfile", "tarfile", ["--help"]),
    ("timeit", "timeit", ["--help"]),
    ("tokenize", "tokenize", ["--help"]),
    ("trace", "trace", ["--help"]),
    ("unittest", "unittest", ["--help"]),
    ("unittest-discover", "unittest", ["discover", "--help"]),
    ("venv", "venv", ["--help"]),
    ("webbrowser", "webbrowser", ["-h"]),
    ("zipapp", "zipapp", ["--help"]),
    ("zipfile", "zipfile", ["--help"]),
]

KINDS = ["pydoc", "topics", "help", "html", "man", "pdf", "docx", "md"]

FIXED_DATE = datetime.datetime(2024, 3, 4, 9, 30, 0, tzinfo=datetime.timezone.utc)

_ADDR_RE = re.compile(r" at 0x[0-9a-fA-F]+")
_HANDLE_RE = re.compile(r"handle [0-9a-f]{6,}>")


def _clean_env() -> dict:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/root"),
        "PYTHONHASHSEED": "0",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONWARNINGS": "ignore",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "COLUMNS": "80",
        "LINES": "24",
        "TERM": "dumb",
        "TZ": "UTC",
    }
    return env


def _sanitize(text: str) -> str:
    """Remove run-to-run noise (object addresses) and normalise line ends."""
    text = _ADDR_RE.sub(" at 0x7f0000000000", text)
    text = _HANDLE_RE.sub("handle 7f0000000000>", text)
    text = text.replace("\r\n", "\n")
    if not text.endswith("\n"):
        text += "\n"
    return text


def _write_text(path: pathlib.Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# ---------------------------------------------------------------------------
# pydoc worker (runs in a subprocess with a fixed environment)
# ---------------------------------------------------------------------------

NAV_MODULES = HTML_MODULES

SITE_CSS = """body { font-family: sans-serif; margin: 0; }
nav.site-nav { background: #2b3e50; padding: 6px 12px; }
nav.site-nav a { color: #fff; margin-right: 10px; text-decoration: none; }
footer.site-footer { border-top: 1px solid #ccc; color: #555; font-size: small; padding: 8px 12px; }
main.doc-body { padding: 0 12px; }"""


def _nav_html() -> str:
    links = ['<a href="index.html">Home</a>']
    links += ['<a href="%s.html">%s</a>' % (m, m) for m in NAV_MODULES]
    links += ['<a href="search.html">Search</a>']
    return ('<nav class="site-nav" aria-label="Site">\n'
            + "\n".join(links) + "\n</nav>\n")


def _footer_html() -> str:
    return ('<footer class="site-footer">\n'
            "<p>Example Library Docs &middot; generated from standard library "
            "docstrings &middot; not an official Python site.</p>\n"
            '<p>Found a mistake? <a href="feedback.html">Tell the docs team</a>. '
            "Content is available under the same license as the source it "
            "was generated from.</p>\n</footer>\n")


def _wrap_html(page: str) -> str:
    # A single &nbsp; between words becomes an ordinary space (keep runs used
    # for indentation), as a real docs site would not glue words together.
    page = re.sub(r"(?<!&nbsp;)&nbsp;(?!&nbsp;)", " ", page)
    page = page.replace("</head>", "<style>\n%s\n</style>\n</head>" % SITE_CSS, 1)
    page = page.replace("<body>", "<body>\n" + _nav_html() + '<main class="doc-body">', 1)
    idx = page.rfind("</body>")
    page = page[:idx] + "</main>\n" + _footer_html() + page[idx:]
    return page


def _index_html() -> str:
    items = "\n".join('<li><a href="%s.html">%s</a></li>' % (m, m) for m in NAV_MODULES)
    body = ("<h1>Example Library Docs</h1>\n"
            "<p>These pages document a selection of Python standard library "
            "modules. Pick a module from the list below or from the navigation bar.</p>\n"
            "<ul>\n%s\n</ul>\n" % items)
    page = ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            "<title>Example Library Docs: index</title>\n</head><body>\n%s</body></html>" % body)
    return _wrap_html(page)


def _pydoc_worker(out_dir: pathlib.Path, kind: str, names: list) -> None:
    import pydoc
    import warnings
    warnings.simplefilter("ignore")
    failed = []
    for name in names:
        try:
            if kind == "text":
                text = pydoc.render_doc(name, renderer=pydoc.plaintext)
                _write_text(out_dir / "pydoc" / (name + ".txt"), _sanitize(text))
            elif kind == "html":
                obj, oname = pydoc.resolve(name)
                page = pydoc.html.page(pydoc.describe(obj), pydoc.html.document(obj, oname))
                _write_text(out_dir / "html" / (name + ".html"), _sanitize(_wrap_html(page)))
            elif kind == "topics":
                import pydoc_data.topics as t
                _write_text(out_dir / "topics" / (name + ".txt"), _sanitize(t.topics[name]))
        except Exception as exc:  # pragma: no cover - depends on platform
            failed.append("%s (%s: %s)" % (name, type(exc).__name__, exc))
    for f in failed:
        print("SKIP", kind, f)


def _run_pydoc(out_dir: pathlib.Path) -> list:
    import pydoc_data.topics as t
    topics = sorted(t.topics)
    jobs = [
        ("text", PYDOC_MODULES[0::2]),
        ("text", PYDOC_MODULES[1::2]),
        ("html", HTML_MODULES),
        ("topics", topics),
    ]
    procs = []
    for kind, names in jobs:
        cmd = [sys.executable, "-s", str(HERE), "--_pydoc-worker", str(out_dir), kind] + names
        procs.append(subprocess.Popen(cmd, env=_clean_env(), cwd=str(out_dir),
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL))
    notes = []
    for p in procs:
        out, _ = p.communicate()
        for line in out.decode("utf-8", "replace").splitlines():
            if line.startswith("SKIP"):
                notes.append(line)
    _write_text(out_dir / "html" / "index.html", _sanitize(_index_html()))
    return notes


# ---------------------------------------------------------------------------
# --help capture
# ---------------------------------------------------------------------------

def _run_help(out_dir: pathlib.Path) -> list:
    notes = []
    procs = []
    work = out_dir / "help"
    work.mkdir(parents=True, exist_ok=True)
    for stem, mod, args in HELP_TOOLS:
        cmd = [sys.executable, "-s", "-m", mod] + args
        p = subprocess.Popen(cmd, env=_clean_env(), cwd=str(work),
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL)
        procs.append((stem, mod, args, p))
    for stem, mod, args, p in procs:
        try:
            out, _ = p.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
            notes.append("SKIP help %s (timeout)" % stem)
            continue
        text = out.decode("utf-8", "replace")
        if not text.strip() or text.startswith("Traceback"):
            notes.append("SKIP help %s (no help text)" % stem)
            continue
        shown = "$ python3 -m %s %s\n" % (mod, " ".join(args))
        _write_text(work / (stem + ".txt"), _sanitize(shown + text))
    return notes


# ---------------------------------------------------------------------------
# Man pages (original text, fictional tools)
# ---------------------------------------------------------------------------

MAN_PAGES = [
    {
        "name": "dirsum", "section": "1", "manual": "User Commands",
        "source": "dirsum 2.4.1", "date": "March 2024",
        "sections": [
            ("NAME", [("p", "dirsum - summarize disk usage of directory trees")]),
            ("SYNOPSIS", [("p", "dirsum [OPTION]... [DIRECTORY]...")]),
            ("DESCRIPTION", [
                ("p", "dirsum walks each DIRECTORY (the current directory when none is given) "
                      "and prints the space used by every subdirectory, largest first."),
                ("p", "Sizes are computed from allocated disk blocks, not from the apparent "
                      "length of files, so sparse files may look smaller than ls(1) reports."),
                ("p", "Hard links to the same file are counted only once per run."),
            ]),
            ("OPTIONS", [
                ("opt", "-a, --all", "List regular files as well, not only directories."),
                ("opt", "-d N, --depth=N", "Stop listing after N levels below each DIRECTORY. "
                        "Deeper entries are still included in the totals of their parents."),
                ("opt", "-h, --human", "Print sizes with K, M, G and T suffixes (powers of 1024)."),
                ("opt", "-s, --summarize", "Print only one total line for each DIRECTORY argument."),
                ("opt", "-x, --one-filesystem", "Skip directories that live on a different file "
                        "system than the starting DIRECTORY."),
                ("opt", "--exclude=PATTERN", "Ignore files and directories whose name matches the "
                        "shell wildcard PATTERN. This option may be given more than once."),
                ("opt", "--apparent", "Count apparent sizes (the file length) instead of allocated blocks."),
                ("opt", "--top=N", "Show only the N largest entries. The default is 20; 0 means no limit."),
                ("opt", "--help", "Display a short help text and exit."),
                ("opt", "--version", "Print version information and exit."),
            ]),
            ("EXIT STATUS", [
                ("p", "0 if every directory could be read, 1 if some entries were skipped "
                      "(for example because permission was denied), 2 on a usage error."),
            ]),
            ("ENVIRONMENT", [
                ("opt", "DIRSUM_BLOCK_SIZE", "Unit used for printed sizes when --human is not "
                        "given. The default is 1024 bytes."),
            ]),
            ("EXAMPLES", [
                ("pre", "dirsum -s -h ~/Downloads"),
                ("p", "Print a single human-readable total for the Downloads folder."),
                ("pre", "dirsum --top=5 --exclude='*.iso' /srv"),
                ("p", "Show the five biggest subdirectories of /srv, ignoring ISO images."),
            ]),
            ("SEE ALSO", [("p", "hashdir(1), snapkeep(8)")]),
        ],
    },
    {
        "name": "linecount", "section": "1", "manual": "User Commands",
        "source": "textkit 1.9", "date": "January 2025",
        "sections": [
            ("NAME", [("p", "linecount - count lines, words and bytes in files")]),
            ("SYNOPSIS", [("p", "linecount [OPTION]... [FILE]...")]),
            ("DESCRIPTION", [
                ("p", "Print line, word and byte counts for each FILE, followed by a total "
                      "line when more than one FILE is given."),
                ("p", "With no FILE, or when FILE is -, linecount reads standard input."),
                ("p", "A word is a non-empty run of characters separated by white space. "
                      "Unlike some similar tools, linecount counts a final line even when it does "
                      "not end with a newline character; use --strict to count newline characters only."),
                ("p", "By default the counts are printed in the order lines, words, bytes."),
            ]),
            ("OPTIONS", [
                ("opt", "-l, --lines", "Print only the number of lines."),
                ("opt", "-w, --words", "Print only the number of words."),
                ("opt", "-c, --bytes", "Print only the number of bytes."),
                ("opt", "-m, --chars", "Print the number of characters, decoding the input "
                        "with the encoding of the current locale."),
                ("opt", "-L, --longest", "Print the length of the longest line, in characters."),
                ("opt", "--strict", "Count newline characters instead of lines, so a last line "
                        "without a trailing newline is not counted."),
                ("opt", "--total=WHEN", "When to print the total line: auto (the default), "
                        "always, never or only."),
                ("opt", "--files-from=LIST", "Read the names of the input files from the file LIST, "
                        "one name per line."),
                ("opt", "--help", "Display a short help text and exit."),
            ]),
            ("EXAMPLES", [
                ("pre", "linecount -l notes.txt"),
                ("p", "Print how many lines notes.txt has."),
                ("pre", "find . -name '*.py' | linecount --files-from=- --total=only -l"),
                ("p", "Print the total number of lines in all Python files below the current directory."),
            ]),
            ("EXIT STATUS", [("p", "0 on success, 1 if any FILE could not be opened.")]),
            ("SEE ALSO", [("p", "csvpick(1), dirsum(1)")]),
        ],
    },
    {
        "name": "csvpick", "section": "1", "manual": "User Commands",
        "source": "textkit 1.9", "date": "January 2025",
        "sections": [
            ("NAME", [("p", "csvpick - select, reorder and drop columns of CSV files")]),
            ("SYNOPSIS", [("p", "csvpick -c LIST [OPTION]... [FILE]...")]),
            ("DESCRIPTION", [
                ("p", "csvpick reads comma-separated values from each FILE (or standard input) "
                      "and writes only the selected columns, in the order given in LIST."),
                ("p", "The first row is treated as a header, so columns can be selected by name. "
                      "Columns may also be selected by 1-based number or by a range such as 2-4."),
            ]),
            ("OPTIONS", [
                ("opt", "-c LIST, --columns=LIST", "Comma-separated list of column names, numbers or ranges to keep."),
                ("opt", "-x, --exclude", "Invert the selection: write every column except those in LIST."),
                ("opt", "-d CHAR, --delimiter=CHAR", "Use CHAR as the field separator instead of a comma."),
                ("opt", "-t, --tab", "Shorthand for a tab delimiter, for TSV files."),
                ("opt", "-H, --no-header", "Treat the first row as data; columns can then only be "
                        "selected by number."),
                ("opt", "--skip=N", "Skip N lines at the start of the input before reading the header."),
                ("opt", "--fill=TEXT", "Write TEXT for fields that are missing from short rows. "
                        "By default short rows are padded with empty fields."),
                ("opt", "--encoding=ENC", "Character encoding of the input. The default is utf-8."),
                ("opt", "-o FILE, --output=FILE", "Write the result to FILE instead of standard output."),
            ]),
            ("EXAMPLES", [
                ("pre", "csvpick -c name,email users.csv"),
                ("p", "Keep only the name and email columns."),
                ("pre", "csvpick -x -c 3 data.csv > trimmed.csv"),
                ("p", "Drop the third column and save the rest."),
            ]),
            ("EXIT STATUS", [("p", "0 on success, 1 if a named column does not exist, 2 on a usage error.")]),
            ("SEE ALSO", [("p", "linecount(1)")]),
        ],
    },
    {
        "name": "cronwrap", "section": "1", "manual": "User Commands",
        "source": "opskit 0.8", "date": "June 2024",
        "sections": [
            ("NAME", [("p", "cronwrap - run a scheduled command with locking, a timeout and logging")]),
            ("SYNOPSIS", [("p", "cronwrap [OPTION]... -- COMMAND [ARG]...")]),
            ("DESCRIPTION", [
                ("p", "cronwrap is meant to be placed in front of commands started by cron(8). It "
                      "makes sure only one copy of a job runs at a time, stops jobs that hang, "
                      "and keeps a log of what they printed."),
                ("p", "If another cronwrap already holds the lock for the same job name, the new "
                      "run is skipped and cronwrap exits with status 75."),
            ]),
            ("OPTIONS", [
                ("opt", "-n NAME, --name=NAME", "Job name used for the lock file and in log lines. "
                        "Defaults to the base name of COMMAND."),
                ("opt", "-l FILE, --lock=FILE", "Use FILE as the lock file instead of "
                        "/run/lock/cronwrap-NAME.lock."),
                ("opt", "-t DURATION, --timeout=DURATION", "Send SIGTERM to the command after DURATION, "
                        "and SIGKILL ten seconds later if it is still running. DURATION takes a "
                        "suffix s, m or h, for example 90s or 2h."),
                ("opt", "--log=FILE", "Append the command's standard output and standard error to FILE, "
                        "each line prefixed with a timestamp."),
                ("opt", "-q, --quiet", "Print nothing when the command succeeds, so cron sends "
                        "mail only for failed runs."),
                ("opt", "--retries=N", "Run the command again up to N times if it exits with a "
                        "non-zero status."),
                ("opt", "--jitter=SECONDS", "Sleep a random time between 0 and SECONDS before "
                        "starting, to spread out jobs scheduled at the same minute."),
            ]),
            ("EXIT STATUS", [
                ("p", "The exit status of COMMAND; 75 if the lock was held by another run; "
                      "124 if the command was stopped by --timeout."),
            ]),
            ("EXAMPLES", [
                ("pre", "*/15 * * * * cronwrap -q -t 10m -n sync -- /usr/local/bin/sync-mirror"),
                ("p", "A crontab line that mirrors data every 15 minutes and gives up after ten minutes."),
            ]),
            ("SEE ALSO", [("p", "cron(8), crontab(5), snapkeep(8)")]),
        ],
    },
    {
        "name": "hashdir", "section": "1", "manual": "User Commands",
        "source": "opskit 0.8", "date": "June 2024",
        "sections": [
            ("NAME", [("p", "hashdir - compute and verify checksums for whole directory trees")]),
            ("SYNOPSIS", [("p", "hashdir [OPTION]... DIRECTORY..."), ("p", "hashdir -c FILE")]),
            ("DESCRIPTION", [
                ("p", "hashdir prints one line per regular file found below each DIRECTORY, "
                      "made of the hexadecimal digest, two spaces and the path. This format "
                      "can be read by sha256sum(1) and similar tools."),
                ("p", "Symbolic links are recorded with the path they point to and are not "
                      "followed unless --follow is given. Files are listed in sorted order, so "
                      "two runs over the same tree give identical output."),
            ]),
            ("OPTIONS", [
                ("opt", "-a ALGO, --algorithm=ALGO", "Digest algorithm: sha256 (the default), sha512, "
                        "sha1, md5 or blake2b."),
                ("opt", "-c FILE, --check=FILE", "Read digests from FILE and report every file "
                        "whose content no longer matches, is missing, or is new."),
                ("opt", "-j N, --jobs=N", "Hash up to N files in parallel. The default is the "
                        "number of processors."),
                ("opt", "--relative", "Print paths relative to DIRECTORY instead of as given."),
                ("opt", "--follow", "Follow symbolic links and hash the files they point to."),
                ("opt", "-0, --null", "End each output line with a NUL byte instead of a newline."),
            ]),
            ("EXIT STATUS", [("p", "0 if all files were hashed or verified, 1 if a check found "
                                   "differences, 2 if a file could not be read.")]),
            ("EXAMPLES", [
                ("pre", "hashdir --relative photos > photos.sha256"),
                ("pre", "hashdir -c photos.sha256"),
                ("p", "Record checksums of a photo collection and verify them later."),
            ]),
            ("SEE ALSO", [("p", "sha256sum(1), dirsum(1)")]),
        ],
    },
    {
        "name": "pingwatch", "section": "1", "manual": "User Commands",
        "source": "opskit 0.8", "date": "June 2024",
        "sections": [
            ("NAME", [("p", "pingwatch - watch hosts and report when they go down or come back")]),
            ("SYNOPSIS", [("p", "pingwatch [OPTION]... HOST...")]),
            ("DESCRIPTION", [
                ("p", "pingwatch checks every HOST at a fixed interval and prints a line whenever "
                      "a host changes state between up and down."),
                ("p", "A host is declared down only after several consecutive failed checks, "
                      "which avoids alerts for a single lost packet."),
            ]),
            ("OPTIONS", [
                ("opt", "-i SECONDS, --interval=SECONDS", "Time between two checks of the same host. "
                        "The default is 30 seconds."),
                ("opt", "-f N, --failures=N", "Number of consecutive failed checks before a host is "
                        "reported down. The default is 3."),
                ("opt", "--tcp=PORT", "Check by opening a TCP connection to PORT instead of "
                        "sending ICMP echo requests. Useful where ping is blocked by a firewall."),
                ("opt", "--command=CMD", "Run CMD through the shell on every state change. The "
                        "variables PINGWATCH_HOST and PINGWATCH_STATE are set in its environment."),
                ("opt", "-4, -6", "Use only IPv4 or only IPv6 addresses."),
                ("opt", "-o, --once", "Check every HOST once, print its state and exit."),
            ]),
            ("EXIT STATUS", [("p", "With --once, 0 if all hosts are up and 1 otherwise. "
                                   "Without --once, pingwatch runs until interrupted.")]),
            ("SEE ALSO", [("p", "ping(8), cronwrap(1)")]),
        ],
    },
    {
        "name": "snapkeep", "section": "8", "manual": "System Administration",
        "source": "snapkeep 3.2", "date": "October 2024",
        "sections": [
            ("NAME", [("p", "snapkeep - create, list, prune and restore snapshot backups")]),
            ("SYNOPSIS", [
                ("p", "snapkeep [-c FILE] [-n] [-v] create [SOURCE]..."),
                ("p", "snapkeep [-c FILE] list [SOURCE]"),
                ("p", "snapkeep [-c FILE] [-n] prune"),
                ("p", "snapkeep [-c FILE] restore SNAPSHOT PATH --target DIR [--force]"),
            ]),
            ("DESCRIPTION", [
                ("p", "snapkeep copies the directories named as sources in snapkeep.conf(5) into "
                      "a repository of dated snapshots. Unchanged files are stored only once, so "
                      "each new snapshot costs only the space of what changed."),
                ("p", "The prune command deletes snapshots that are no longer needed according "
                      "to the keep_daily, keep_weekly and keep_monthly settings."),
                ("p", "The restore command copies PATH from SNAPSHOT into the directory DIR. It "
                      "never overwrites an existing file unless --force is given."),
            ]),
            ("OPTIONS", [
                ("opt", "-c FILE, --config=FILE", "Read the configuration from FILE instead of /etc/snapkeep.conf."),
                ("opt", "-n, --dry-run", "Show what would be copied or deleted without changing anything."),
                ("opt", "-v, --verbose", "Print every file as it is copied."),
                ("opt", "--force", "With restore, replace files that already exist in the target directory."),
            ]),
            ("FILES", [
                ("opt", "/etc/snapkeep.conf", "The default configuration file."),
                ("opt", "/var/log/snapkeep.log", "Summary of each run, one line per snapshot."),
            ]),
            ("EXIT STATUS", [("p", "0 on success, 1 if some files could not be copied, "
                                   "3 if the repository is locked by another snapkeep process.")]),
            ("SEE ALSO", [("p", "snapkeep.conf(5), cronwrap(1), dirsum(1)")]),
        ],
    },
    {
        "name": "snapkeep.conf", "section": "5", "manual": "File Formats",
        "source": "snapkeep 3.2", "date": "October 2024",
        "sections": [
            ("NAME", [("p", "snapkeep.conf - configuration file for snapkeep")]),
            ("DESCRIPTION", [
                ("p", "snapkeep.conf is an INI-style file made of sections. The [global] section "
                      "holds settings for the whole repository, and each [source NAME] section "
                      "describes one directory to back up."),
                ("p", "Lines starting with # or ; are comments. Values may be quoted with double "
                      "quotes when they contain spaces."),
            ]),
            ("GLOBAL SETTINGS", [
                ("opt", "repository = PATH", "Directory where snapshots are stored. Required."),
                ("opt", "keep_daily = N", "Number of daily snapshots to keep. The default is 7."),
                ("opt", "keep_weekly = N", "Number of weekly snapshots to keep. The default is 4."),
                ("opt", "keep_monthly = N", "Number of monthly snapshots to keep. The default is 12."),
                ("opt", "compression = zstd | gzip | none", "How file contents are compressed in the "
                        "repository. The default is zstd."),
            ]),
            ("SOURCE SETTINGS", [
                ("opt", "path = DIR", "The directory to back up. Required."),
                ("opt", "exclude = PATTERN...", "Space-separated shell wildcards for files that are not backed up."),
                ("opt", "one_filesystem = yes | no", "Do not cross into other mounted file systems. "
                        "The default is yes."),
                ("opt", "pre_hook = COMMAND", "Command run before the source is copied, for example "
                        "to dump a database. If it fails, the source is skipped."),
                ("opt", "post_hook = COMMAND", "Command run after the source has been copied."),
            ]),
            ("EXAMPLE", [
                ("pre", "[global]\nrepository = /backup/snaps\nkeep_daily = 14\n\n[source home]\n"
                        "path = /home\nexclude = *.tmp .cache"),
            ]),
            ("SEE ALSO", [("p", "snapkeep(8)")]),
        ],
    },
]


def _render_man(page: dict) -> str:
    title = "%s(%s)" % (page["name"].upper(), page["section"])
    lines = ["%s\t\t\t%s\t\t\t%s" % (title, page["manual"], title), ""]
    body = textwrap.TextWrapper(width=79, initial_indent=" " * 7, subsequent_indent=" " * 7,
                                break_on_hyphens=False)
    desc = textwrap.TextWrapper(width=79, initial_indent=" " * 14, subsequent_indent=" " * 14,
                                break_on_hyphens=False)
    for head, items in page["sections"]:
        lines.append(head)
        for i, item in enumerate(items):
            kind = item[0]
            if kind == "p":
                lines.extend(body.wrap(item[1]))
            elif kind == "opt":
                lines.append(" " * 7 + item[1])
                lines.extend(desc.wrap(item[2]))
            elif kind == "pre":
                lines.extend(" " * 14 + ln if ln else "" for ln in item[1].split("\n"))
            if i != len(items) - 1:
                lines.append("")
        lines.append("")
    lines.append("%s\t\t\t%s\t\t\t%s" % (page["source"], page["date"], title))
    return "\n".join(lines) + "\n"


def _build_man(out_dir: pathlib.Path) -> list:
    for page in MAN_PAGES:
        _write_text(out_dir / "man" / ("%s.%s.txt" % (page["name"], page["section"])), _render_man(page))
    return []


# ---------------------------------------------------------------------------
# Markdown READMEs (original text)
# ---------------------------------------------------------------------------

MD_FILES = {
"quickcsv-README.md": """---
title: quickcsv
version: 0.6.2
license: MIT
maintainers:
  - Dana Whitlock
  - Ravi Menon
---

quickcsv
========

quickcsv is a small command-line tool and Python library for peeking at large
CSV files without loading them into memory. It prints the header, a sample of
rows and simple per-column statistics.

Installation
------------

quickcsv needs Python 3.9 or newer. Install it from a checkout with:

```bash
python3 -m pip install .
```

Usage
-----

Show the first ten rows of a file together with the inferred column types:

```bash
quickcsv head sales.csv --rows 10 --types
```

Compute statistics for two columns only:

```bash
quickcsv stats sales.csv --columns price,quantity
```

Options
-------

| Option            | Default | Meaning                                              |
|-------------------|---------|------------------------------------------------------|
| `--rows N`        | 5       | Number of rows shown by `head` and `tail`.           |
| `--delimiter C`   | `,`     | Field separator; use `\\t` for tab-separated files.   |
| `--encoding E`    | utf-8   | Input encoding.                                      |
| `--types`         | off     | Guess a type (int, float, date, text) for each column. |
| `--sample N`      | 10000   | Rows read when guessing types or computing stats.    |

Library use
-----------

```python
from quickcsv import open_table

with open_table("sales.csv") as table:
    print(table.columns)
    for row in table.sample(3):
        print(row)
```

Known limitations
-----------------

- Quoted fields that contain newlines are supported, but `tail` is slow on them
  because the file has to be read from the start.
- Type guessing looks only at the first `--sample` rows, so a column can be
  reported as int even if a later row holds text.

License
-------

quickcsv is released under the MIT license. See the LICENSE file for details.
""",
"tasklite-README.md": """---
title: tasklite
version: 2.1.0
status: stable
---

tasklite
========

A to-do list manager for the terminal that stores everything in one plain
SQLite file, so your tasks can be synced or backed up like any other file.

Getting started
---------------

```console
$ tasklite add "Renew passport" --due 2025-03-01 --tag personal
$ tasklite list
```

By default the database lives in `~/.local/share/tasklite/tasks.db`. Set the
environment variable `TASKLITE_DB` to use a different file.

Commands
--------

| Command              | What it does                                        |
|----------------------|-----------------------------------------------------|
| `add TEXT`           | Create a task. Accepts `--due`, `--tag`, `--priority`. |
| `list`               | Show open tasks, soonest due date first.            |
| `done ID`            | Mark a task as finished.                            |
| `edit ID`            | Open the task in `$EDITOR`.                         |
| `purge --older 90d`  | Permanently delete finished tasks older than 90 days. |
| `export --json`      | Write all tasks as JSON to standard output.         |

Priorities
----------

Priorities go from `1` (most urgent) to `4` (someday). Tasks without a
priority are treated as priority `3`.

Recurring tasks
---------------

Add `--repeat weekly` (or `daily`, `monthly`, `yearly`) when creating a task.
When a recurring task is marked done, a new copy is created with the next due
date.

Configuration
-------------

Settings are read from `~/.config/tasklite/config.toml`:

```toml
default_tag = "work"
date_format = "%d.%m.%Y"
show_done = false
```
""",
"CONTRIBUTING.md": """---
title: Contributing to tasklite
updated: 2025-01-15
---

Contributing
============

Thank you for helping to improve tasklite. This page explains how to set up a
development copy, how we write commit messages and how changes are reviewed.

Development setup
-----------------

```bash
git clone https://example.invalid/tasklite.git
cd tasklite
python3 -m venv .venv
. .venv/bin/activate
python3 -m pip install -e ".[dev]"
```

Running the tests
-----------------

Run the whole suite with `make test`. Every pull request must keep the test
coverage at or above 85 percent; the CI job fails below that.

Commit messages
---------------

Write the first line in the imperative mood and keep it under 72 characters,
for example `Add --repeat option to add command`. Reference the issue number
in the body, not in the first line.

Review process
--------------

| Change size            | Reviewers needed | Typical wait |
|------------------------|------------------|--------------|
| Documentation only     | 1                | 1 day        |
| Bug fix                | 1                | 2 days       |
| New feature            | 2                | 1 week       |

Maintainers merge with "squash and merge" so that each pull request becomes a
single commit on the main branch.

Reporting security problems
---------------------------

Please do not open a public issue for security problems. Send an email to
the maintainers instead; we answer within three working days.
""",
"docs-style-guide.md": """---
title: Documentation style guide
audience: writers
---

Documentation style guide
=========================

These rules apply to every page in the internal documentation folder.

Voice and tone
--------------

Address the reader as "you" and use the active voice. Prefer short sentences:
if a sentence needs more than one comma, split it.

Headings
--------

Use sentence case for headings ("Install the client", not "Install The
Client"). Do not skip heading levels.

Code and commands
-----------------

Put every command in a fenced code block with a language tag:

```bash
dirsum -s -h /var/log
```

Never show a shell prompt inside code blocks that readers are expected to copy,
because the prompt gets pasted along with the command.

Dates, numbers and units
------------------------

| Item        | Write          | Do not write     |
|-------------|----------------|------------------|
| Dates       | 2025-03-01     | 1st March 2025   |
| File sizes  | 20 MB          | 20MB, 20 megs    |
| Ranges      | 10-20 seconds  | 10 to 20 secs    |

Screenshots
-----------

Only add a screenshot when the text alone cannot explain a step, and crop it to
the relevant part of the window. Every screenshot needs alt text.
""",
}


def _build_md(out_dir: pathlib.Path) -> list:
    for name, text in MD_FILES.items():
        _write_text(out_dir / "md" / name, text)
    return []


# ---------------------------------------------------------------------------
# PDF documents (original prose)
# ---------------------------------------------------------------------------

PDF_DOCS = [
    {
        "file": "harbor-sync-user-guide.pdf",
        "title": "Harbor Sync User Guide",
        "header": "Harbor Sync 4 - User Guide",
        "author": "Harbor Software Documentation Team",
        "blocks": [
            ("p", "This guide explains how to install Harbor Sync on a desktop computer, how to "
                  "connect it to your team folder and how to solve the problems that people run into "
                  "most often. It applies to Harbor Sync version 4.2 and later."),
            ("h1", "1. System requirements"),
            ("p", "Harbor Sync runs on Windows 10 or newer, macOS 12 or newer and on current Linux "
                  "distributions that provide a graphical desktop. The application itself needs about "
                  "300 MB of disk space. In addition, you need enough free space for the files you "
                  "choose to keep on the computer."),
            ("p", "A permanent internet connection is not required. Changes made while you are offline "
                  "are queued and uploaded automatically as soon as the connection returns."),
            ("h1", "2. Installation"),
            ("h2", "2.1 Windows and macOS"),
            ("p", "Download the installer from the company software portal and run it. Administrator "
                  "rights are only needed when you install for all users of the computer. When the "
                  "installation has finished, Harbor Sync starts by itself and shows a small anchor icon "
                  "in the notification area or the menu bar."),
            ("h2", "2.2 Linux"),
            ("p", "On Linux, install the package that matches your distribution and start the program "
                  "from the applications menu. To start it automatically after login, open Preferences, "
                  "choose General and switch on the option Start Harbor Sync when I log in."),
            ("h1", "3. Connecting your first folder"),
            ("p", "When Harbor Sync starts for the first time, it asks for the address of your team "
                  "server and for your user name. After you have signed in, pick a local folder. "
                  "Everything you place in that folder is uploaded, and everything your colleagues add "
                  "to the team folder is downloaded to it."),
            ("p", "The first synchronization can take a long time for large team folders. You can keep "
                  "working during that time; files that are still being downloaded show a grey cloud "
                  "symbol."),
            ("h2", "3.1 Selective sync"),
            ("p", "If you do not need every subfolder on your computer, open Preferences, choose Folders "
                  "and clear the check box next to the subfolders you want to leave on the server. "
                  "Cleared folders are removed from the computer but stay available on the server and "
                  "on the web."),
            ("h1", "4. Conflicts"),
            ("p", "A conflict happens when the same file is changed on two computers before either change "
                  "has been uploaded. Harbor Sync never throws away one of the versions. It keeps the "
                  "version that reached the server first under the original name."),
            ("p", "The other version is saved next to it with the words conflicted copy and the date "
                  "added to its name."),
            ("p", "Open both files, merge the changes by hand and delete the conflicted copy when you "
                  "are done."),
            ("h1", "5. Bandwidth and pausing"),
            ("p", "By default Harbor Sync uses as much bandwidth as it can get. To limit it, open "
                  "Preferences, choose Network and enter a maximum upload rate and a maximum download "
                  "rate in kilobytes per second."),
            ("p", "To stop synchronization for a while, click the anchor icon and choose Pause. Harbor "
                  "Sync resumes by itself after two hours, or earlier if you choose Resume."),
            ("h1", "6. Troubleshooting"),
            ("p", "Most problems show up as a red anchor icon. Click the icon to see a short message and "
                  "an error code. The most common codes are listed below."),
            ("bullets", [
                "HS-101: the server could not be reached. Check your network connection and the server address.",
                "HS-203: your password has expired. Sign out and sign in again with your new password.",
                "HS-310: the local disk is full. Free some space or use selective sync to keep fewer folders.",
                "HS-404: a file name contains characters that are not allowed on another operating system.",
            ]),
            ("p", "If the problem persists, open Help, choose Create diagnostics bundle and send the "
                  "resulting archive to the helpdesk. The bundle contains log files but no file contents."),
            ("h1", "7. Uninstalling"),
            ("p", "Uninstalling Harbor Sync does not delete your local folder or any files in it. To "
                  "remove the program, use the normal uninstall function of your operating system. Your "
                  "settings are kept in case you install it again; delete the Harbor Sync settings "
                  "folder in your home directory to remove them as well."),
        ],
    },
    {
        "file": "remote-work-policy.pdf",
        "title": "Remote Work Policy",
        "header": "Northwind Analytics - HR Policy HR-07",
        "author": "Northwind Analytics People Team",
        "blocks": [
            ("p", "Policy number HR-07. Version 3, approved by the management board. This policy "
                  "describes who may work from home, what the company provides for it and which "
                  "rules apply to security and working time."),
            ("h1", "1. Purpose and scope"),
            ("p", "Northwind Analytics supports flexible working because it helps employees balance "
                  "their professional and private responsibilities. This policy applies to all "
                  "permanent employees and to fixed-term employees with contracts of six months or "
                  "longer. It does not apply to interns or to external contractors, whose working "
                  "arrangements are set out in their individual agreements."),
            ("h1", "2. Eligibility"),
            ("p", "Employees may work remotely once they have completed their probation period of "
                  "90 days. Roles that require physical presence, such as reception, facilities and "
                  "laboratory work, are excluded. Managers may approve exceptions in writing."),
            ("p", "Employees may work remotely for up to three days per week. Teams may agree on "
                  "one or more shared office days so that people meet in person regularly."),
            ("h1", "3. Working time"),
            ("p", "Remote employees keep their contractual working hours. Core hours are 10:00 to "
                  "15:00 local time; during core hours employees must be reachable by phone and chat. "
                  "Outside core hours, employees organise their time freely, as long as the legal "
                  "rest periods are respected."),
            ("h1", "4. Equipment and allowances"),
            ("p", "The company provides a laptop, a headset and, on request, a second monitor. In "
                  "addition, each eligible employee receives a one-time home office allowance of "
                  "600 euros for furniture such as a desk or an ergonomic chair."),
            ("p", "A monthly internet allowance of 40 euros is paid with the salary to employees who "
                  "work remotely at least one day per week."),
            ("p", "Equipment provided by the company remains company property and must be returned "
                  "when the employment ends. Damage or loss must be reported to the IT helpdesk "
                  "within two working days."),
            ("h1", "5. Information security"),
            ("p", "Remote work must meet the same security standards as work in the office. In "
                  "particular, employees must follow these rules:"),
            ("bullets", [
                "Connect to internal systems only through the company VPN.",
                "Lock the screen whenever you leave the computer; it locks itself after five minutes.",
                "Do not let family members or guests use company devices.",
                "Print confidential documents only in the office, never at home.",
                "Hold confidential calls where you cannot be overheard.",
            ]),
            ("h1", "6. Working from abroad"),
            ("p", "Working from another country raises tax and social security questions. Employees "
                  "may work from abroad for at most 20 working days per calendar year, and only "
                  "after HR has approved the request at least four weeks in advance."),
            ("h1", "7. Health and safety"),
            ("p", "Employees are responsible for setting up a safe and ergonomic workplace at home. "
                  "The company offers a voluntary online ergonomics check, and the occupational health "
                  "service can be contacted with questions about posture, lighting or eye strain."),
            ("h1", "8. Ending a remote work arrangement"),
            ("p", "Either the employee or the manager may end a remote work arrangement with four weeks "
                  "notice, for example when the needs of the team change. The reasons must be discussed "
                  "in a meeting and documented."),
            ("h1", "9. Review"),
            ("p", "The People Team reviews this policy every two years, or earlier if the law "
                  "changes. Questions about the policy can be sent to the HR service desk."),
        ],
    },
    {
        "file": "expense-reimbursement-policy.pdf",
        "title": "Expense Reimbursement Policy",
        "header": "Northwind Analytics - Finance Policy FIN-02",
        "author": "Northwind Analytics Finance",
        "blocks": [
            ("p", "This policy explains which business expenses Northwind Analytics reimburses, how "
                  "to claim them and how claims are approved. It applies to all employees."),
            ("h1", "1. General principles"),
            ("p", "Spend company money as carefully as you would spend your own. Expenses are "
                  "reimbursed only when they are necessary for your work, reasonable in amount and "
                  "supported by a receipt."),
            ("h1", "2. Submitting a claim"),
            ("p", "Submit claims through the expenses portal within 30 days of the date on which the "
                  "expense was incurred. Claims submitted later are only paid with the written approval "
                  "of the finance director."),
            ("p", "Attach a photo or scan of the original receipt to every item above 25 euros. For "
                  "smaller amounts a short description is enough. Approved claims are paid with the "
                  "next monthly salary."),
            ("h1", "3. Approval"),
            ("p", "Your line manager approves claims up to 1,000 euros. Claims above that amount also "
                  "need the approval of the head of department. Nobody may approve their own expenses."),
            ("h1", "4. Travel"),
            ("h2", "4.1 Transport"),
            ("p", "Use public transport where it is practical. Train journeys of up to four hours are "
                  "booked in second class; longer journeys may be booked in first class. Flights are "
                  "booked in economy class."),
            ("p", "When you use your private car for a business trip, the company pays a mileage "
                  "allowance of 0.30 euros per kilometre. Parking fees and tolls are reimbursed "
                  "separately against receipts."),
            ("h2", "4.2 Accommodation"),
            ("p", "Hotels should be booked through the travel portal. The maximum rate is 150 euros "
                  "per night in most cities and 220 euros per night in capital cities."),
            ("h2", "4.3 Meals"),
            ("p", "On business trips you receive a daily meal allowance of 28 euros for trips within "
                  "the country. The allowance is reduced by a third for each meal that is provided "
                  "free of charge, for example by a conference."),
            ("h1", "5. Client entertainment"),
            ("p", "Business meals with clients must be approved in advance by your manager. List the "
                  "names of all participants and the purpose of the meeting on the claim."),
            ("h1", "6. Expenses that are not reimbursed"),
            ("p", "The following costs are not reimbursed under any circumstances:"),
            ("bullets", [
                "traffic and parking fines",
                "alcohol, except during approved client entertainment",
                "seat upgrades and lounge access",
                "personal items such as clothing or toiletries",
                "costs for family members travelling with you",
            ]),
            ("h1", "7. Corporate credit cards"),
            ("p", "Employees who travel often may receive a corporate credit card. Card statements must "
                  "be reconciled in the expenses portal every month, and private purchases with the card "
                  "are not allowed."),
            ("h1", "8. Questions"),
            ("p", "Questions about this policy can be sent to the finance team through the service desk. "
                  "The finance team aims to answer within two working days."),
        ],
    },
    {
        "file": "data-retention-policy.pdf",
        "title": "Data Retention and Backup Policy",
        "header": "Northwind Analytics - IT Policy IT-11",
        "author": "Northwind Analytics IT Security",
        "blocks": [
            ("p", "This policy sets out how long Northwind Analytics keeps business records and "
                  "personal data, how data is backed up and how it is deleted at the end of its "
                  "retention period."),
            ("h1", "1. Data classification"),
            ("p", "All information is assigned to one of four classes: public, internal, confidential "
                  "and strictly confidential. The owner of a data set decides on its class and records "
                  "it in the data inventory."),
            ("p", "Strictly confidential data, such as health information or salary data, may only be "
                  "stored on systems that encrypt it at rest and log every access."),
            ("h1", "2. Retention periods"),
            ("p", "The retention periods below are minimum periods required by law or by contract. "
                  "After the period has ended, the data must be deleted or anonymised within three "
                  "months."),
            ("bullets", [
                "Invoices and accounting records: 10 years after the end of the financial year.",
                "Employment contracts and payroll records: 6 years after the employee leaves.",
                "Applications from rejected candidates: 6 months after the position is filled.",
                "Server and application logs: 13 months.",
                "Recordings from video surveillance: 72 hours, unless an incident is being investigated.",
                "Customer project data: as stated in the contract, otherwise 2 years after the project ends.",
            ]),
            ("h1", "3. Backups"),
            ("p", "All production systems are backed up automatically. An incremental backup runs every "
                  "night, and a full backup runs every Sunday. Backups are encrypted before they leave "
                  "the server."),
            ("p", "A copy of each weekly full backup is stored at a second location at least 50 "
                  "kilometres away from the main data centre."),
            ("p", "Daily backups are kept for 30 days, weekly backups for 12 weeks and monthly backups "
                  "for one year. Backups are not an archive: data that must be retained longer has to be "
                  "archived separately."),
            ("h1", "4. Restore tests"),
            ("p", "The IT operations team tests the restoration of at least one randomly chosen system "
                  "every quarter and documents the time the restore took. A restore that fails or takes "
                  "longer than the agreed recovery time is treated as a security incident."),
            ("h1", "5. Deletion"),
            ("p", "Data at the end of its retention period is deleted in a way that prevents recovery. "
                  "Disks from decommissioned computers are physically destroyed by a certified service "
                  "provider, who issues a certificate of destruction for each batch."),
            ("h2", "5.1 Requests from individuals"),
            ("p", "When a person asks for their personal data to be deleted, the data protection "
                  "officer checks whether a legal retention obligation applies. If not, the data is "
                  "deleted within 30 days of the request and the person is informed."),
            ("h1", "6. Responsibilities"),
            ("p", "Data owners are responsible for applying the retention periods to their data. The IT "
                  "department is responsible for backups and for the technical deletion. The data "
                  "protection officer monitors compliance and reports to the management board once a year."),
        ],
    },
    {
        "file": "lumen-lp200-maintenance.pdf",
        "title": "Lumen LP-200 Printer: Maintenance Guide",
        "header": "Lumen LP-200 Maintenance Guide",
        "author": "Lumen Office Devices",
        "blocks": [
            ("p", "The Lumen LP-200 is a monochrome laser printer for small offices. This guide "
                  "describes routine maintenance tasks that users can carry out themselves. Repairs "
                  "inside the printer must be done by an authorised service technician."),
            ("h1", "1. Loading paper"),
            ("p", "The main tray holds up to 250 sheets of plain paper between 60 and 120 grams per "
                  "square metre. Fan the paper before loading it to prevent sheets from sticking "
                  "together, and push the paper guides against the stack without bending it."),
            ("p", "Envelopes, labels and heavy card must be fed one at a time through the manual feed "
                  "slot at the front of the printer."),
            ("h1", "2. Replacing the toner cartridge"),
            ("p", "When the display shows Toner low, about 200 pages can still be printed. Replace the "
                  "cartridge when the message changes to Replace toner."),
            ("bullets", [
                "Open the front cover by pulling the handle on the right.",
                "Pull the old cartridge straight out and put it into the bag of the new one.",
                "Shake the new cartridge gently from side to side five or six times.",
                "Remove the orange protective strip and slide the cartridge in until it clicks.",
                "Close the front cover. The printer runs a short calibration.",
            ]),
            ("p", "A standard cartridge prints about 1,500 pages and a high-capacity cartridge about "
                  "3,000 pages at 5 percent page coverage."),
            ("h1", "3. Clearing paper jams"),
            ("p", "If paper is jammed, the display shows the area where it is stuck. Switch the printer "
                  "off and wait ten minutes before reaching inside, because the fuser unit becomes very "
                  "hot during printing."),
            ("p", "Pull jammed paper out slowly with both hands in the direction of the paper path. Torn "
                  "pieces left inside cause new jams, so check that no scraps remain."),
            ("h1", "4. Cleaning"),
            ("p", "Clean the pickup roller once a month or after every 5,000 pages, whichever comes "
                  "first. Use a lint-free cloth slightly moistened with water. Never use alcohol or "
                  "solvents on rollers, because they make the rubber hard and slippery."),
            ("h1", "5. Error codes"),
            ("bullets", [
                "E02: the front cover is open or not closed properly.",
                "E11: paper jam in the main tray.",
                "E23: the toner cartridge is not recognised. Use an original Lumen cartridge.",
                "E45: the fuser unit is overheated. Switch off the printer for 30 minutes.",
                "E70: internal error. Note the code and contact service.",
            ]),
            ("h1", "6. Network setup"),
            ("p", "The LP-200 supports wired Ethernet and Wi-Fi. To print the current network settings, "
                  "hold the Cancel button for five seconds while the printer is idle. The printout shows "
                  "the IP address, which you can open in a web browser to reach the configuration pages."),
            ("p", "The default password for the configuration pages is printed on a label on the back of "
                  "the printer. Change it when you set up the printer for the first time."),
            ("h1", "7. Storage and transport"),
            ("p", "Before moving the printer, remove the toner cartridge and pack it in its bag. Store "
                  "the printer in a dry place between 10 and 32 degrees Celsius."),
        ],
    },
    {
        "file": "incident-response-runbook.pdf",
        "title": "Incident Response Runbook",
        "header": "Platform Operations - Incident Response Runbook",
        "author": "Platform Operations",
        "blocks": [
            ("p", "This runbook describes what to do when a production service is degraded or down. "
                  "Follow it whenever an alert fires or a customer reports an outage, even if the "
                  "problem looks small."),
            ("h1", "1. Severity levels"),
            ("bullets", [
                "SEV1: a core service is down for all customers or data is being lost.",
                "SEV2: a core service is degraded or down for a large group of customers.",
                "SEV3: a minor feature is broken and a workaround exists.",
                "SEV4: a cosmetic problem or an internal tool is affected.",
            ]),
            ("p", "When in doubt, choose the higher severity. It is always possible to downgrade an "
                  "incident later, but a late escalation costs valuable time."),
            ("h1", "2. Declaring an incident"),
            ("p", "Anyone may declare an incident. Open a new channel in the chat system named after the "
                  "date and a short description, and post the first known facts there. For SEV1 and SEV2 "
                  "incidents, page the on-call engineer of the affected service immediately."),
            ("h1", "3. Roles"),
            ("p", "Every incident of severity SEV2 or higher has an incident commander. The incident "
                  "commander coordinates the response, decides on priorities and makes sure that someone "
                  "writes down a timeline. The incident commander does not debug the problem personally."),
            ("p", "A communications lead keeps customers and colleagues informed. Technical responders "
                  "investigate and fix the problem and report their progress to the incident commander."),
            ("h1", "4. Communication"),
            ("p", "For SEV1 incidents, the status page must be updated within 15 minutes of declaring "
                  "the incident and then at least every 30 minutes until the incident is resolved. For "
                  "SEV2 incidents, updates are due every hour."),
            ("p", "Updates state what is known, what is being done and when the next update will "
                  "follow. Do not speculate about causes in public updates."),
            ("h1", "5. Mitigation first"),
            ("p", "Restore the service before looking for the root cause. Rolling back the most recent "
                  "deployment, switching traffic to another region or disabling a feature flag are "
                  "usually faster than a fix."),
            ("h1", "6. Closing an incident"),
            ("p", "The incident commander closes the incident when the service has worked normally for "
                  "at least 30 minutes. The channel stays open for one more day for follow-up questions."),
            ("h1", "7. Postmortem"),
            ("p", "A written postmortem is required for every SEV1 and SEV2 incident. It must be published "
                  "within five business days after the incident is closed. Postmortems are blameless: "
                  "they describe what happened and how systems and processes can be improved, not who "
                  "made a mistake."),
            ("p", "Each postmortem lists action items with an owner and a due date. Action items from "
                  "SEV1 postmortems are reviewed every week in the operations meeting until they are done."),
        ],
    },
]

_VOWELS = set("aeiouyAEIOUY")
# consonant pairs that start a syllable or form one sound: never split them
_NO_SPLIT = {"bl", "cl", "fl", "gl", "pl", "br", "cr", "dr", "fr", "gr", "pr", "tr",
             "ch", "sh", "th", "ph", "wh", "ck", "gh", "qu"}


def _soft_hyphenate(text: str) -> str:
    """Insert soft hyphens into long words (VC-CV rule) so fpdf2 can hyphenate."""
    def hyph(m):
        w = m.group(0)
        if len(w) < 9:
            return w
        best = None
        mid = len(w) / 2
        for i in range(3, len(w) - 3):
            a, b = w[i - 1], w[i]
            if (a not in _VOWELS and b not in _VOWELS and w[i - 2] in _VOWELS
                    and w[i + 1] in _VOWELS and a.isalpha() and b.isalpha()
                    and (a + b).lower() not in _NO_SPLIT):
                if best is None or abs(i - mid) < abs(best - mid):
                    best = i
        if best is None:
            return w
        return w[:best] + "\u00ad" + w[best:]
    return re.sub(r"[A-Za-z]+", hyph, text)


def _build_pdf(out_dir: pathlib.Path) -> list:
    try:
        from fpdf import FPDF
    except ImportError:
        return ["SKIP pdf (fpdf2 is not installed)"]

    class DocPDF(FPDF):
        running_header = ""

        def header(self):
            self.set_font("Helvetica", "I", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 6, self.running_header, align="R", new_x="LMARGIN", new_y="NEXT")
            self.set_draw_color(160, 160, 160)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
            self.ln(4)
            self.set_text_color(0, 0, 0)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", "", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 10, "Page %d of {nb}" % self.page_no(), align="C")
            self.set_text_color(0, 0, 0)

    notes = []
    hyphenated = 0
    for doc in PDF_DOCS:
        pdf = DocPDF(format="A4")
        pdf.running_header = doc["header"]
        pdf.set_creation_date(FIXED_DATE)
        pdf.set_title(doc["title"])
        pdf.set_author(doc["author"])
        pdf.set_creator("build_docs_folder.py")
        pdf.set_margins(22, 18, 22)
        pdf.set_auto_page_break(True, margin=20)
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 26)
        pdf.multi_cell(0, 12, doc["title"], new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        pdf.set_text_color(90, 90, 90)
        pdf.multi_cell(0, 6, doc["author"], new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.ln(4)
        for kind, content in doc["blocks"]:
            if kind == "h1":
                pdf.ln(3)
                pdf.start_section(content, level=0)
                pdf.set_font("Helvetica", "B", 15)
                pdf.multi_cell(0, 8, content, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1)
            elif kind == "h2":
                pdf.ln(1)
                pdf.start_section(content, level=1)
                pdf.set_font("Helvetica", "B", 12.5)
                pdf.multi_cell(0, 7, content, new_x="LMARGIN", new_y="NEXT")
            elif kind == "p":
                pdf.set_font("Helvetica", "", 11.5)
                pdf.multi_cell(0, 5.8, _soft_hyphenate(content), align="J",
                               new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2.5)
            elif kind == "bullets":
                pdf.set_font("Helvetica", "", 11.5)
                for item in content:
                    pdf.set_x(pdf.l_margin + 4)
                    pdf.cell(5, 5.8, "-")
                    pdf.multi_cell(0, 5.8, _soft_hyphenate(item), align="L",
                                   new_x="LMARGIN", new_y="NEXT")
                    pdf.ln(0.8)
                pdf.ln(2)
        path = out_dir / "pdf" / doc["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        pdf.output(str(path))
    return notes


# ---------------------------------------------------------------------------
# Word documents (original prose)
# ---------------------------------------------------------------------------

DOCX_DOCS = [
    {
        "file": "meeting-room-booking.docx",
        "title": "Meeting Room Booking Guide",
        "blocks": [
            ("p", "This guide explains how to find and book meeting rooms at the Riverside office "
                  "and which rules apply to everyone who uses them."),
            ("h1", "Available rooms"),
            ("p", "The Riverside office has five bookable rooms. The table below lists their size "
                  "and equipment."),
            ("table", [
                ["Room", "Floor", "Seats", "Equipment"],
                ["Elbe", "2", "4", "Screen, webcam"],
                ["Rhine", "2", "8", "Screen, webcam, whiteboard"],
                ["Danube", "3", "12", "Projector, conference phone"],
                ["Oder", "3", "6", "Whiteboard"],
                ["Main Hall", "1", "40", "Projector, microphones, stage"],
            ]),
            ("h1", "How to book"),
            ("h2", "Booking through the calendar"),
            ("p", "Create a meeting in your calendar and add the room as an attendee. The room "
                  "accepts the invitation automatically if it is free; otherwise you receive a "
                  "decline within a minute."),
            ("h2", "Booking the Main Hall"),
            ("p", "The Main Hall cannot be booked through the calendar. Send a request to the "
                  "facilities team at least five working days before the event."),
            ("h1", "Rules"),
            ("bullets", [
                "A single booking may last at most two hours, except in the Main Hall.",
                "Cancel bookings you no longer need so that colleagues can use the room.",
                "A room that is still empty 15 minutes after the booked start time is released automatically.",
                "Leave the room tidy and wipe the whiteboard when you are done.",
                "Food is allowed in the Danube room and the Main Hall only.",
            ]),
            ("h1", "Problems with equipment"),
            ("p", "If a screen, projector or webcam does not work, call the IT helpdesk on extension "
                  "4400. For broken furniture or heating problems, contact the facilities team."),
        ],
    },
    {
        "file": "new-laptop-setup.docx",
        "title": "New Laptop Setup Checklist",
        "blocks": [
            ("p", "Use this checklist when you receive a new company laptop. Most steps take only a "
                  "few minutes; plan about one hour in total."),
            ("h1", "Before you start"),
            ("bullets", [
                "Connect the laptop to power; the first updates can take a while.",
                "Have your phone ready for setting up two-factor authentication.",
                "Make sure your old laptop is backed up if you want to copy files from it.",
            ]),
            ("h1", "Step by step"),
            ("h2", "Sign in and encrypt"),
            ("p", "Sign in with your company account. The laptop asks you to turn on disk "
                  "encryption; do this immediately and store the recovery key in the password manager."),
            ("h2", "Install standard software"),
            ("p", "Open the Software Center and install the packages listed in the table below. "
                  "Other software may only be installed after approval by the IT helpdesk."),
            ("table", [
                ["Package", "Purpose", "Required"],
                ["Harbor Sync", "File synchronization", "Yes"],
                ["Office suite", "Documents and spreadsheets", "Yes"],
                ["Password manager", "Storing passwords and recovery keys", "Yes"],
                ["VPN client", "Access to internal systems", "Yes"],
                ["Diagram editor", "Drawing diagrams", "No"],
            ]),
            ("h2", "Copy your files"),
            ("p", "Do not copy whole folders from your old laptop. Move your work files into your "
                  "Harbor Sync folder instead; they will then appear on the new laptop by themselves."),
            ("h1", "Returning the old laptop"),
            ("p", "Return your old laptop to the IT helpdesk within two weeks of receiving the new one. "
                  "Do not wipe it yourself: the helpdesk erases it securely and records the serial number."),
        ],
    },
    {
        "file": "travel-booking-procedure.docx",
        "title": "Travel Booking Procedure",
        "blocks": [
            ("p", "This procedure describes how business trips are requested, approved and booked. "
                  "The rules on what is reimbursed are in the Expense Reimbursement Policy."),
            ("h1", "Requesting a trip"),
            ("p", "Submit a travel request in the travel portal before you book anything. Include the "
                  "destination, the dates, the purpose of the trip and an estimate of the costs."),
            ("p", "Trips abroad must be requested at least three weeks before departure so that visas "
                  "and insurance can be arranged."),
            ("h1", "Approval"),
            ("bullets", [
                "Domestic trips are approved by your line manager.",
                "Trips abroad also need the approval of the head of department.",
                "Trips to countries with a travel warning need the approval of the security officer.",
            ]),
            ("h1", "Booking"),
            ("h2", "Trains and flights"),
            ("p", "Once the request is approved, the travel portal shows the booking options. Tickets "
                  "booked through the portal are paid directly by the company, so you do not need to "
                  "claim them later."),
            ("h2", "Hotels"),
            ("p", "Choose a hotel from the list of partner hotels where possible, because the company "
                  "has negotiated lower rates with them."),
            ("h1", "Contacts"),
            ("table", [
                ["Topic", "Contact", "Hours"],
                ["Travel portal problems", "Travel desk", "Mon-Fri 8:00-17:00"],
                ["Emergencies during a trip", "Travel assistance hotline", "24 hours"],
                ["Visa questions", "HR service desk", "Mon-Fri 9:00-16:00"],
            ]),
        ],
    },
    {
        "file": "release-process.docx",
        "title": "Release Process for Project Falcon",
        "blocks": [
            ("p", "Project Falcon ships a new minor release every six weeks. This document describes "
                  "the steps from feature freeze to publication and who is responsible for each."),
            ("h1", "Versioning"),
            ("p", "Falcon uses semantic versioning. Minor releases add features, patch releases only "
                  "fix bugs, and major releases are planned at most once a year."),
            ("h1", "Release timeline"),
            ("table", [
                ["Day", "Step", "Owner"],
                ["Day 0", "Feature freeze and release branch created", "Release manager"],
                ["Day 1-7", "Stabilisation: only bug fixes are merged", "All developers"],
                ["Day 8", "Release candidate published", "Release manager"],
                ["Day 12", "Final release if no blocking bugs remain", "Release manager"],
            ]),
            ("h1", "Release checklist"),
            ("h2", "Before the release candidate"),
            ("bullets", [
                "All tests pass on the release branch.",
                "The changelog lists every user-visible change.",
                "Translations have been updated.",
            ]),
            ("h2", "Publishing"),
            ("bullets", [
                "Tag the release commit with the version number, for example v5.3.0.",
                "Upload the packages and verify their checksums.",
                "Announce the release on the mailing list and the blog.",
            ]),
            ("h1", "Hotfixes"),
            ("p", "A hotfix for a security problem may be released at any time. It is made on the "
                  "branch of the affected release and needs the approval of two maintainers."),
        ],
    },
]


def _fix_zip_timestamps(path: pathlib.Path) -> None:
    data = path.read_bytes()
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 3, 4, 9, 30, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    path.write_bytes(buf.getvalue())


def _build_docx(out_dir: pathlib.Path) -> list:
    try:
        import docx  # python-docx
    except ImportError:
        return ["SKIP docx (python-docx is not installed)"]
    naive = FIXED_DATE.replace(tzinfo=None)
    for spec in DOCX_DOCS:
        d = docx.Document()
        cp = d.core_properties
        cp.title = spec["title"]
        cp.author = "Northwind Analytics"
        cp.last_modified_by = "Northwind Analytics"
        cp.created = naive
        cp.modified = naive
        cp.last_printed = naive
        cp.revision = 1
        d.add_heading(spec["title"], level=0)
        for kind, content in spec["blocks"]:
            if kind == "h1":
                d.add_heading(content, level=1)
            elif kind == "h2":
                d.add_heading(content, level=2)
            elif kind == "p":
                d.add_paragraph(content)
            elif kind == "bullets":
                for item in content:
                    d.add_paragraph(item, style="List Bullet")
            elif kind == "table":
                table = d.add_table(rows=len(content), cols=len(content[0]))
                table.style = "Table Grid"
                for r, row in enumerate(content):
                    for c, val in enumerate(row):
                        cell = table.cell(r, c)
                        cell.text = val
                        if r == 0:
                            for run in cell.paragraphs[0].runs:
                                run.bold = True
        path = out_dir / "docx" / spec["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        d.save(str(path))
        _fix_zip_timestamps(path)
    return []


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

def build(out_dir: pathlib.Path) -> dict:
    """Build the folder into out_dir; return a summary dict."""
    t0 = time.monotonic()
    out_dir = pathlib.Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:  # only our own subfolders are replaced
        if (out_dir / kind).exists():
            shutil.rmtree(out_dir / kind)
    notes = []
    notes += _run_pydoc(out_dir)
    notes += _run_help(out_dir)
    notes += _build_man(out_dir)
    notes += _build_md(out_dir)
    notes += _build_pdf(out_dir)
    notes += _build_docx(out_dir)
    files = {}
    counts = {}
    total = 0
    for kind in KINDS:
        d = out_dir / kind
        n = 0
        if d.exists():
            for p in sorted(d.rglob("*")):
                if p.is_file():
                    data = p.read_bytes()
                    files[p.relative_to(out_dir).as_posix()] = hashlib.sha256(data).hexdigest()
                    total += len(data)
                    n += 1
        counts[kind] = n
    for n in notes:
        print(n)
    return {
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "counts": counts,
        "total_files": len(files),
        "total_bytes": total,
        "seconds": round(time.monotonic() - t0, 2),
        "notes": notes,
        "files": files,
    }


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--_pydoc-worker":
        _pydoc_worker(pathlib.Path(argv[1]), argv[2], argv[3:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=pathlib.Path, help="output folder")
    ap.add_argument("--manifest", type=pathlib.Path, help="write a JSON summary (with sha256 per file) here")
    args = ap.parse_args(argv)
    summary = build(args.out)
    if args.manifest:
        _write_text(args.manifest, json.dumps(summary, indent=1, sort_keys=True) + "\n")
    short = {k: v for k, v in summary.items() if k != "files"}
    print(json.dumps(short, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())

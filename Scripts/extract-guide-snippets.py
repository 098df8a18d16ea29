#!/usr/bin/env python3
"""Extracts the Swift snippets of CallVault's guides into a package that builds them against the SDK.

Usage: Scripts/extract-guide-snippets.py OUTPUT_DIR [GUIDE ...]

A vendor's first build is made from GettingStarted's `Package.swift` and the guides' code; this
script turns exactly that text into a package (OUTPUT_DIR/Package.swift and its sources), so
`swift build` there fails when a guide names a product, module, type, method or argument label the
SDK does not have. Nothing is hand-copied: the sources are regenerated on every run.

Each ```swift block in a guide is preceded by a marker, an HTML comment on the line just before
its fence (GitHub and DocC render nothing for it). Markers (Tests/GuideSnippets/README.md):

  <!-- snippet: manifest -->           the `dependencies:` and `targets:` of a host's Package.swift;
                                       the generated package's manifest is built from it.
  <!-- snippet: file -->               a whole Swift file, with its own imports.
  <!-- snippet: function(PARAMETERS) --> statements; compiled as the body of an `async throws`
                                       function taking PARAMETERS (the values the text leaves to the
                                       reader), in a file that imports CallVault, CallVaultSQLite and
                                       Foundation, the imports GettingStarted's products give
                                       (a block's own opening `import` lines move to the file).
  <!-- snippet: chain NAME(PARAMETERS) -->  starts a chain: this block and every later one marked
  <!-- snippet: chain NAME -->         `chain NAME` in the same guide are one function's body, in
                                       order (a guide's steps, where step 3 uses step 1's values).
  <!-- snippet: skip: REASON -->       not compiled; the reason is required.

Every ```swift block must be marked: an unmarked one, a malformed marker, or a guide with no
manifest when one is required fails the extraction (exit 1), so no example goes unchecked by
accident. Compiler errors point at the guide's own lines (#sourceLocation).
"""

import os
import re
import sys

MARKER = re.compile(r"^\s*<!--\s*snippet:\s*(.*?)\s*-->\s*$")
FENCE_OPEN = re.compile(r"^(\s*)```swift\s*$")
FENCE_CLOSE = re.compile(r"^\s*```\s*$")
FUNCTION = re.compile(r"^function\((.*)\)$", re.S)
CHAIN = re.compile(r"^chain\s+([A-Za-z][A-Za-z0-9]*)(?:\((.*)\))?$", re.S)
SKIP = re.compile(r"^skip:\s*\S")
PACKAGE_URL = re.compile(r'\.package\(\s*url:\s*"[^"]*/callvault(?:\.git)?"\s*,\s*from:\s*"[0-9.]+"\s*\)')

IMPORTS = "import CallVault\nimport CallVaultSQLite\nimport Foundation\n"


class GuideError(Exception):
    pass


def blocks(path, text):
    """Yields (marker, first line number of the code, code) for every ```swift block."""
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        opening = FENCE_OPEN.match(lines[index])
        if not opening:
            index += 1
            continue
        fence_line = index + 1
        marker = None
        if index > 0:
            found = MARKER.match(lines[index - 1])
            if found:
                marker = found.group(1)
        indent = len(opening.group(1))
        body = []
        index += 1
        while index < len(lines) and not FENCE_CLOSE.match(lines[index]):
            body.append(lines[index][indent:] if lines[index][:indent].strip() == "" else lines[index])
            index += 1
        if index == len(lines):
            raise GuideError(f"{path}:{fence_line}: a ```swift block is never closed")
        if marker is None:
            raise GuideError(
                f"{path}:{fence_line}: this ```swift block has no snippet marker; put one of "
                "'<!-- snippet: file -->', '<!-- snippet: function(...) -->', '<!-- snippet: chain NAME -->' or "
                "'<!-- snippet: skip: REASON -->' on the line before it (Tests/GuideSnippets/README.md)")
        yield marker, fence_line + 1, "\n".join(body)
        index += 1


def identifier(path):
    stem = os.path.splitext(os.path.basename(path))[0]
    return re.sub(r"[^A-Za-z0-9]", "", stem)


def leading_imports(line, code):
    """Splits a function snippet's opening `import` lines (kept at file level) from its statements."""
    lines = code.split("\n")
    imports = []
    while lines and (lines[0].startswith("import ") or (imports and lines[0].strip() == "")):
        imports.append(lines.pop(0))
        line += 1
    return "\n".join(text for text in imports if text) + ("\n" if imports else ""), line, "\n".join(lines)


def located(path, line, code):
    return f'#sourceLocation(file: "{path}", line: {line})\n{code}\n#sourceLocation()\n'


def extract(root, guides):
    manifest = None
    files = {}
    chains = {}
    counts = {"compiled": 0, "skipped": 0}
    for path in guides:
        with open(os.path.join(root, path), encoding="utf-8") as handle:
            text = handle.read()
        for marker, line, code in blocks(path, text):
            where = f"{path}:{line - 1}"
            if marker == "manifest":
                if manifest is not None:
                    raise GuideError(f"{where}: a second manifest snippet; the guides give one Package.swift")
                manifest = (path, line, code)
                counts["compiled"] += 1
            elif marker == "file":
                files[f"{identifier(path)}{line}.swift"] = located(path, line, code)
                counts["compiled"] += 1
            elif FUNCTION.match(marker):
                parameters = FUNCTION.match(marker).group(1)
                name = f"snippet{identifier(path)}{line}"
                imports, line, code = leading_imports(line, code)
                files[f"{identifier(path)}{line}.swift"] = (
                    IMPORTS + imports + f"\nfunc {name}({parameters}) async throws {{\n" + located(path, line, code)
                    + "}\n")
                counts["compiled"] += 1
            elif CHAIN.match(marker):
                name, parameters = CHAIN.match(marker).groups()
                key = (path, name)
                if parameters is not None:
                    if key in chains:
                        raise GuideError(f"{where}: chain {name} is started twice; later blocks say 'chain {name}'")
                    chains[key] = {"parameters": parameters, "parts": []}
                elif key not in chains:
                    raise GuideError(f"{where}: chain {name} continues before a block starts it with 'chain {name}(...)'")
                chains[key]["parts"].append(located(path, line, code))
                counts["compiled"] += 1
            elif SKIP.match(marker):
                counts["skipped"] += 1
            else:
                raise GuideError(
                    f"{where}: '<!-- snippet: {marker} -->' is not a snippet marker; use manifest, file, "
                    "function(PARAMETERS), chain NAME(PARAMETERS), chain NAME or skip: REASON")
    for (path, name), chain in chains.items():
        files[f"{identifier(path)}Chain{name}.swift"] = (
            IMPORTS + f"\nfunc snippet{identifier(path)}{name}({chain['parameters']}) async throws {{\n"
            + "".join(chain["parts"]) + "}\n")
    return manifest, files, counts


def package_manifest(manifest, sdk_path):
    path, line, code = manifest
    dependency, count = PACKAGE_URL.subn(f'.package(name: "callvault", path: "{sdk_path}")', code)
    if count != 1:
        raise GuideError(
            f"{path}:{line}: the manifest snippet must depend on CallVault once, as "
            '.package(url: "https://.../callvault", from: "X.Y.Z"); the check builds against this checkout instead')
    targets = re.findall(r'\.(target|testTarget)\(\s*name:\s*"([^"]+)"', code)
    if not any(kind == "target" for kind, _ in targets):
        raise GuideError(f"{path}:{line}: the manifest snippet declares no .target for the snippets to compile in")
    return (
        "// swift-tools-version: 6.1\n"
        f"// Generated by Scripts/extract-guide-snippets.py from {path}:{line}; do not edit.\n"
        "import PackageDescription\n\n"
        'let package = Package(\n    name: "GuideSnippets",\n'
        + "\n".join("    " + text for text in dependency.strip().split("\n"))
        + "\n)\n"), targets


def write(output, manifest_text, targets, files):
    os.makedirs(output, exist_ok=True)
    with open(os.path.join(output, "Package.swift"), "w", encoding="utf-8") as handle:
        handle.write(manifest_text)
    library = next(name for kind, name in targets if kind == "target")
    for kind, name in targets:
        folder = os.path.join(output, "Sources" if kind == "target" else "Tests", name)
        os.makedirs(folder, exist_ok=True)
        for old in os.listdir(folder):
            if old.endswith(".swift"):
                os.remove(os.path.join(folder, old))
        if kind == "testTarget":
            # The test kit product GettingStarted names must import from the test target.
            with open(os.path.join(folder, "TestKitImport.swift"), "w", encoding="utf-8") as handle:
                handle.write("import CallVaultTestKit\n")
        elif name == library:
            for file_name, text in files.items():
                with open(os.path.join(folder, file_name), "w", encoding="utf-8") as handle:
                    handle.write(text)
        else:
            with open(os.path.join(folder, "Empty.swift"), "w", encoding="utf-8") as handle:
                handle.write("// A target of the manifest snippet that no snippet compiles in.\n")


def main(arguments):
    if len(arguments) < 2:
        print(__doc__, file=sys.stderr)
        return 64
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    output = os.path.abspath(arguments[1])
    guides = arguments[2:]
    try:
        manifest, files, counts = extract(root, guides)
        if manifest is None:
            raise GuideError("no guide has a '<!-- snippet: manifest -->' block (GettingStarted's Package.swift)")
        manifest_text, targets = package_manifest(manifest, os.path.relpath(root, output))
        write(output, manifest_text, targets, files)
    except GuideError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"extracted {counts['compiled']} snippets ({counts['skipped']} marked skip) from {len(guides)} guides into {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

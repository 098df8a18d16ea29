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
                                       reader), in a file whose imports are the block's own opening
                                       `import` lines and nothing else.
  <!-- snippet: chain NAME(PARAMETERS) -->  starts a chain: this block and every later one marked
  <!-- snippet: chain NAME -->         `chain NAME` in the same guide are one function's body, in
                                       order (a guide's steps, where step 3 uses step 1's values);
                                       each block's opening `import` lines go to the top of the file.
  <!-- snippet: skip: REASON -->       not compiled; the reason is required.

Every ```swift block must be marked: an unmarked one, a malformed marker, or a guide with no
manifest when one is required fails the extraction (exit 1), so no example goes unchecked by
accident. Compiler errors point at the guide's own lines (#sourceLocation), an error in PARAMETERS
at the marker's line.

No import is ever added: a generated file imports exactly what its guide shows, so an example that
forgets `import Foundation` or `import Logging` fails to build as it would for a vendor. And every
module a guide imports must come from the manifest snippet: a product its library target lists, a
module such a product re-exports (`@_exported` in the SDK's sources), or the toolchain's own
(Foundation, Dispatch...). SwiftPM lets a target import any module built in its graph, declared or
not, so without this a guide could use swift-log's `Logger` while GettingStarted never says to add it.
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
# The SDK's own dependency, whatever version the guide asks for (the check builds this checkout).
PACKAGE_URL = re.compile(r'\.package\(\s*url:\s*"[^"]*/callvault(?:\.git)?"\s*,\s*from:\s*"[^"\s]+"\s*\)')
IMPORT = re.compile(
    r"^\s*(?:@[A-Za-z_]+\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+"
    r"(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?([A-Za-z_][A-Za-z0-9_]*)")
PRODUCT = re.compile(r'\.product\(\s*name:\s*"([^"]+)"')
# Modules every Swift toolchain on Linux and macOS provides: a guide may import them without a
# package dependency.
TOOLCHAIN_MODULES = {
    "Foundation", "FoundationEssentials", "FoundationNetworking", "Dispatch", "Synchronization",
    "RegexBuilder", "Observation", "Glibc", "Musl", "Darwin",
}


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
    """Splits a block's opening `import` lines (kept at file level) from its statements.

    Returns ([(guide line, import line)], the first line of the statements, the statements).
    """
    lines = code.split("\n")
    imports = []
    while lines and (IMPORT.match(lines[0]) or (imports and lines[0].strip() == "")):
        text = lines.pop(0)
        if text.strip():
            imports.append((line, text.strip()))
        line += 1
    return imports, line, "\n".join(lines)


def import_lines(imports):
    """The file-level import lines of a generated file: each once, in the order the guide shows them."""
    seen = []
    for _, text in imports:
        if text not in seen:
            seen.append(text)
    return "".join(text + "\n" for text in seen)


def located(path, line, code):
    return f'#sourceLocation(file: "{path}", line: {line})\n{code}\n#sourceLocation()\n'


def extract(root, guides):
    manifest = None
    files = {}
    chains = {}
    imported = []
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
                imported.extend((path, number, text) for number, text in file_imports(line, code))
                counts["compiled"] += 1
            elif FUNCTION.match(marker):
                parameters = FUNCTION.match(marker).group(1)
                name = f"snippet{identifier(path)}{line}"
                signature = located(path, line - 2, f"func {name}({parameters}) async throws {{")
                imports, line, code = leading_imports(line, code)
                imported.extend((path, number, text) for number, text in imports)
                files[f"{identifier(path)}{line}.swift"] = (
                    import_lines(imports) + "\n" + signature + located(path, line, code) + "}\n")
                counts["compiled"] += 1
            elif CHAIN.match(marker):
                name, parameters = CHAIN.match(marker).groups()
                key = (path, name)
                if parameters is not None:
                    if key in chains:
                        raise GuideError(f"{where}: chain {name} is started twice; later blocks say 'chain {name}'")
                    chains[key] = {"parameters": parameters, "marker": line - 2, "imports": [], "parts": []}
                elif key not in chains:
                    raise GuideError(f"{where}: chain {name} continues before a block starts it with 'chain {name}(...)'")
                imports, line, code = leading_imports(line, code)
                imported.extend((path, number, text) for number, text in imports)
                chains[key]["imports"].extend(imports)
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
            import_lines(chain["imports"]) + "\n"
            + located(path, chain["marker"], f"func snippet{identifier(path)}{name}({chain['parameters']}) async throws {{")
            + "".join(chain["parts"]) + "}\n")
    return manifest, files, imported, counts


def file_imports(line, code):
    """The import lines of a whole-file snippet, with their guide line numbers."""
    return [(line + offset, text.strip()) for offset, text in enumerate(code.split("\n")) if IMPORT.match(text)]


def balanced_call(code, start):
    """The text of the call whose opening parenthesis is at or after `start`, to its closing one."""
    opening = code.index("(", start)
    depth = 0
    for index in range(opening, len(code)):
        if code[index] == "(":
            depth += 1
        elif code[index] == ")":
            depth -= 1
            if depth == 0:
                return code[start:index + 1]
    raise GuideError("the manifest snippet has an unclosed parenthesis")


def reexported_modules(root, module):
    """The modules an SDK product's module re-exports (`@_exported import X` in its sources)."""
    found = set()
    folder = os.path.join(root, "Sources", module)
    for directory, _, names in os.walk(folder):
        for file_name in names:
            if file_name.endswith(".swift"):
                with open(os.path.join(directory, file_name), encoding="utf-8") as handle:
                    for text in handle:
                        if text.lstrip().startswith("@_exported"):
                            match = IMPORT.match(text)
                            if match:
                                found.add(match.group(1))
    return found


def importable_modules(root, manifest):
    """What the manifest's library target may import: its products, what they re-export, the toolchain's."""
    path, line, code = manifest
    start = code.find(".target(")
    if start < 0:
        raise GuideError(f"{path}:{line}: the manifest snippet declares no .target for the snippets to compile in")
    products = set(PRODUCT.findall(balanced_call(code, start)))
    allowed = set(products) | TOOLCHAIN_MODULES
    pending = list(products)
    while pending:
        for module in reexported_modules(root, pending.pop()) - allowed:
            allowed.add(module)
            pending.append(module)
    return allowed


def check_imports(root, manifest, imported):
    """Fails on an import the manifest snippet does not give a host (SwiftPM would let it through)."""
    allowed = importable_modules(root, manifest)
    manifest_path, manifest_line, _ = manifest
    for path, line, text in imported:
        module = IMPORT.match(text).group(1)
        if module not in allowed:
            raise GuideError(
                f"{path}:{line}: 'import {module}': {module} is a module no product of the manifest snippet "
                f"({manifest_path}:{manifest_line}) gives a host; add its package and product there, "
                f"or import one of: {', '.join(sorted(allowed - TOOLCHAIN_MODULES))}")


def package_manifest(manifest, sdk_path):
    path, line, code = manifest
    dependency, count = PACKAGE_URL.subn(f'.package(name: "callvault", path: "{sdk_path}")', code)
    if count != 1:
        raise GuideError(
            f"{path}:{line}: the manifest snippet must depend on CallVault once, as "
            '.package(url: "https://.../callvault", from: "X.Y.Z") (any version); the check builds against this '
            'checkout instead')
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
        manifest, files, imported, counts = extract(root, guides)
        if manifest is None:
            raise GuideError("no guide has a '<!-- snippet: manifest -->' block (GettingStarted's Package.swift)")
        check_imports(root, manifest, imported)
        manifest_text, targets = package_manifest(manifest, os.path.relpath(root, output))
        write(output, manifest_text, targets, files)
    except GuideError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"extracted {counts['compiled']} snippets ({counts['skipped']} marked skip) from {len(guides)} guides into {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Tests of Scripts/extract-guide-snippets.py's rules, on small guides in a temporary folder.

Usage: Scripts/test-extract-guide-snippets.py   (Scripts/check-guide-snippets.sh runs it first)

The snippet check builds what the extractor writes, so a rule the extractor bends (an import it adds,
a module it lets through) would let a guide pass that fails for a vendor. Each test here fails if
that rule is broken.
"""

import importlib.util
import os
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = importlib.util.spec_from_file_location("extractor", os.path.join(HERE, "extract-guide-snippets.py"))
extractor = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(extractor)

MANIFEST = """<!-- snippet: manifest -->
```swift
dependencies: [
    .package(url: "https://github.com/your-org/callvault", from: "VERSION"),
    .package(url: "https://github.com/apple/swift-log", from: "1.0.0"),
],
targets: [
    .target(name: "Host", dependencies: [
        .product(name: "Umbrella", package: "callvault"),
        .product(name: "Logging", package: "swift-log"),
    ]),
]
```
"""


class ExtractorTests(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.root = self.folder.name
        # An SDK whose Umbrella product re-exports Inner, as CallVault re-exports its modules.
        os.makedirs(os.path.join(self.root, "Sources", "Umbrella"))
        with open(os.path.join(self.root, "Sources", "Umbrella", "Exports.swift"), "w", encoding="utf-8") as handle:
            handle.write("@_exported public import Inner\n")

    def tearDown(self):
        self.folder.cleanup()

    def guide(self, text, version="1.0.0"):
        with open(os.path.join(self.root, "Guide.md"), "w", encoding="utf-8") as handle:
            handle.write(MANIFEST.replace("VERSION", version) + "\n" + text)
        manifest, files, imported, _ = extractor.extract(self.root, ["Guide.md"])
        extractor.check_imports(self.root, manifest, imported)
        return manifest, files

    def test_a_function_snippet_gets_no_import_it_does_not_show(self):
        _, files = self.guide("<!-- snippet: function() -->\n```swift\nlet url = URL(fileURLWithPath: \"/\")\n```\n")
        (text,) = files.values()
        self.assertNotIn("import", text)

    def test_a_function_snippet_keeps_exactly_its_own_imports(self):
        _, files = self.guide("<!-- snippet: function() -->\n```swift\nimport Umbrella\nimport Foundation\n\nlet a = 1\n```\n")
        (text,) = files.values()
        self.assertEqual([line for line in text.split("\n") if line.startswith("import")], ["import Umbrella", "import Foundation"])

    def test_a_chain_takes_the_imports_of_every_block_once(self):
        _, files = self.guide(
            "<!-- snippet: chain steps() -->\n```swift\nimport Umbrella\n\nlet a = 1\n```\n"
            "<!-- snippet: chain steps -->\n```swift\nimport Logging\nimport Umbrella\n\nlet b = a\n```\n")
        (text,) = files.values()
        self.assertEqual([line for line in text.split("\n") if line.startswith("import")], ["import Umbrella", "import Logging"])
        self.assertLess(text.index("import Logging"), text.index("func "))

    def test_an_import_the_manifest_does_not_give_fails_naming_its_line(self):
        with self.assertRaisesRegex(extractor.GuideError, r"Guide\.md:17: 'import ServiceLifecycle'"):
            self.guide("<!-- snippet: function() -->\n```swift\nimport ServiceLifecycle\n```\n")

    def test_a_module_a_listed_product_re_exports_and_the_toolchain_s_are_allowed(self):
        self.guide("<!-- snippet: file -->\n```swift\nimport Inner\nimport Foundation\nimport Dispatch\n```\n")

    def test_the_sdk_dependency_is_this_checkout_whatever_version_the_guide_names(self):
        for version in ["1.0.0", "0.9.0", "2.1.0-beta.1"]:
            manifest, _ = self.guide("", version=version)
            text, _ = extractor.package_manifest(manifest, "..")
            self.assertIn('.package(name: "callvault", path: "..")', text)
            self.assertNotIn("your-org", text)


if __name__ == "__main__":
    unittest.main()

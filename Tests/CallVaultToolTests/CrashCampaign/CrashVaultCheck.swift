import Foundation
import Testing

/// The campaign's invariants after a kill, checked with the real tool: the vault opens, nothing
/// complete is lost, nothing deleted reappears, the audit log verifies, no plaintext or temporary
/// file is left.
///
/// Acceptable right after a kill (before any command has settled the vault): `vault verify`
/// exits 0, or 3 when every problem it names is unfinished work a crash leaves and the next
/// writing command finishes (``unfinishedKinds``); `vault list` exits 0. Then one command that
/// opens the vault for writing (`vault sweep --plan`) exits 0 and settles it: after it `vault
/// verify`, `vault verify --deep` (every complete recording's audio authenticates) and `vault audit`
/// exit 0, no recording is left `recording` or `deleting`, and the vault folder holds no temporary
/// file.
enum CrashVaultCheck {
    /// The `vault verify` kinds that name work a kill cut short, not tampering (exit 3).
    static let unfinishedKinds: Set<String> = [
        "deletion-interrupted", "recovery-unfinished", "vault-files-change-unfinished",
    ]

    /// `vault list --json`: each recording's state by id, `deleting` for one whose deletion a
    /// stopped sweep began (`deletionInProgress`, as the text listing shows it).
    static func states(_ vault: String, in directory: URL, _ label: String) throws -> [String: String] {
        let listed = try Tool.run(["vault", "list", "--json", "--vault", vault], in: directory)
        try #require(listed.status == ExitStatus.success, "\(label): vault list: \(listed)")
        struct Row: Decodable {
            var id: String
            var state: String
            var deletionInProgress: Bool?
        }
        let rows = try JSONDecoder().decode([Row].self, from: Data(listed.standardOutput.utf8))
        var states: [String: String] = [:]
        for row in rows { states[row.id] = row.deletionInProgress == true ? "deleting" : row.state }
        return states
    }

    /// `vault verify --json`: its exit status and the kinds of problem it names.
    static func verify(_ vault: String, in directory: URL, deep: Bool = false) throws -> (ToolRun, [String]) {
        let run = try Tool.run(
            ["vault", "verify", "--json", "--vault", vault] + (deep ? ["--deep"] : []), in: directory)
        struct Report: Decodable {
            struct Problem: Decodable { var kind: String }
            var problems: [Problem]
        }
        let kinds = (try? JSONDecoder().decode(Report.self, from: Data(run.standardOutput.utf8)))?.problems.map(\.kind)
        return (run, kinds ?? ["(no report)"])
    }

    /// Whether a state `now` may follow `before` across a kill (`mayDelete`: the killed command
    /// deletes it; `settled`: a writing command has run since).
    static func follows(_ now: String?, _ before: String, mayDelete: Bool, settled: Bool) -> Bool {
        switch before {
        case "complete", "incomplete":
            if now == before { return true }
            return mayDelete && (now == "deleted" || (!settled && now == "deleting"))
        case "deleting": return now == "deleted" || (!settled && now == "deleting")
        case "deleted": return now == "deleted"
        case "recording": return now == "incomplete" || (!settled && now == "recording")
        default: return now == before
        }
    }

    /// Checks `vault` in `directory` right after a kill against `before` (the states before it),
    /// then settles it with one writing command and checks it again. Returns the settled states.
    @discardableResult
    static func checkAndSettle(
        _ vault: String, in directory: URL, before: [String: String], mayDelete: Set<String> = [], _ label: String
    ) throws -> [String: String] {
        let (verified, kinds) = try verify(vault, in: directory)
        #expect(
            verified.status == ExitStatus.success
                || (verified.status == ExitStatus.incomplete && Set(kinds).isSubset(of: unfinishedKinds)),
            "\(label): vault verify right after the kill: \(kinds) \(verified)")
        let killed = try states(vault, in: directory, label)
        for (id, state) in before {
            #expect(
                follows(killed[id], state, mayDelete: mayDelete.contains(id), settled: false),
                "\(label): recording \(id) was \(state), after the kill \(killed[id] ?? "gone")")
        }

        let settle = try Tool.run(["vault", "sweep", "--plan", "--vault", vault], in: directory)
        #expect(settle.status == ExitStatus.success, "\(label): the first writing command after the kill: \(settle)")
        let settled = try states(vault, in: directory, label)
        for (id, state) in killed {
            #expect(
                follows(settled[id], state, mayDelete: mayDelete.contains(id), settled: true),
                "\(label): recording \(id) was \(state) after the kill, \(settled[id] ?? "gone") once settled")
        }
        let (after, afterKinds) = try verify(vault, in: directory)
        #expect(after.status == ExitStatus.success, "\(label): vault verify once settled: \(afterKinds) \(after)")
        let (deep, deepKinds) = try verify(vault, in: directory, deep: true)
        #expect(deep.status == ExitStatus.success, "\(label): vault verify --deep once settled: \(deepKinds) \(deep)")
        let audit = try Tool.run(["vault", "audit", "--vault", vault], in: directory)
        #expect(audit.status == ExitStatus.success, "\(label): vault audit once settled: \(audit)")
        let leftovers = try CrashPlaintextScan.vaultTemporaries(in: directory.appendingPathComponent(vault))
        #expect(leftovers.isEmpty, "\(label): temporary files left in the settled vault: \(leftovers)")
        return settled
    }
}

/// Looks for what a killed command must not leave: plaintext audio outside a complete, linked
/// output, and temporary files (hidden names, `.partial`, `.new-` replacements, staged folders).
enum CrashPlaintextScan {
    /// Every file and folder under `root`, relative to it.
    static func entries(in root: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: root.path) else { return [] }
        return try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted()
    }

    /// Whether a path is a temporary: a hidden name, a `.partial` blob or output, a `.new-`
    /// replacement, a staged folder.
    static func isTemporary(_ path: String) -> Bool {
        path.split(separator: "/").contains { name in
            name.hasPrefix(".") || name.hasSuffix(".partial") || name.contains(".new-") || name.contains(".callvault-")
        }
    }

    /// The temporaries under `root`.
    static func temporaries(in root: URL) throws -> [String] {
        try entries(in: root).filter(isTemporary)
    }

    /// The temporaries of the vault's own layout: its top level, `keys/` and `blobs/`. Folders a
    /// host keeps inside the vault folder (the demo's `exports/`) are the host's, and a half-built
    /// package there is removed by the host's next write to the same destination.
    static func vaultTemporaries(in vault: URL) throws -> [String] {
        try temporaries(in: vault).filter { path in
            let components = path.split(separator: "/")
            return components.count == 1 || components[0] == "keys" || components[0] == "blobs"
        }
    }

    /// Files under `root` holding plaintext audio (a RIFF header, or `marker` at their start)
    /// other than `allowed` (paths relative to `root`).
    static func plaintext(in root: URL, marker: [UInt8]? = nil, allowed: Set<String> = []) throws -> [String] {
        var found: [String] = []
        for path in try entries(in: root) where !allowed.contains(path) {
            let url = root.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let handle = try? FileHandle(forReadingFrom: url)
            else { continue }
            let head = Array((try? handle.read(upToCount: 64)) ?? Data())
            try? handle.close()
            if head.starts(with: Array("RIFF".utf8)) || path.hasSuffix(".wav") {
                found.append(path)
            } else if let marker, head.starts(with: marker) {
                found.append(path)
            }
        }
        return found
    }

    /// Checks the whole work folder once the killed command has run again.
    static func expectClean(
        _ root: URL, marker: [UInt8]? = nil, allowed: Set<String> = [], _ label: String
    ) throws {
        let temporaries = try temporaries(in: root)
        #expect(temporaries.isEmpty, "\(label): temporary files left in the work folder: \(temporaries)")
        let plaintext = try plaintext(in: root, marker: marker, allowed: allowed)
        #expect(plaintext.isEmpty, "\(label): plaintext left in the work folder: \(plaintext)")
    }
}

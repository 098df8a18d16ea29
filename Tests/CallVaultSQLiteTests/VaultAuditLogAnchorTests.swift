import CallVault
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import GRDB
import Testing

@testable import CallVaultSQLite

/// A vault folder knows its audit log: `VaultFolder.open` checks the log against the anchor the
/// database keeps (the log's identity and its latest signed checkpoint) before writing anything.
@Suite("Vault folder: the audit log is anchored")
struct VaultAuditLogAnchorTests {
    let scratch = ScratchFolder()
    let directory: URL
    let passphrase: Passphrase
    let clock = ManualWallClock(Date().addingTimeInterval(60))

    init() throws {
        directory = URL(fileURLWithPath: scratch.folder("vault"))
        passphrase = try Passphrase("correct horse battery staple")
        try VaultFolder.create(
            at: directory, passphrase: passphrase,
            configuration: VaultConfiguration(organisation: "Acme Bank", purposes: [.quality]),
            keyParameters: .minimum)
    }

    var logPath: String { VaultFolder(directory).auditLogFile.path }

    func log() throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: logPath)))
    }

    func writeLog(_ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: logPath))
    }

    /// Opens the vault, records `count` entries, and closes it (which signs a checkpoint).
    func appendEntries(_ count: Int, actor: String = "sup.maria") async throws {
        let opened = try await VaultFolder.open(at: directory, passphrase: passphrase, clock: clock)
        for _ in 0..<count {
            try await opened.vault.audit.record(
                AuditRecord(
                    actor: PrincipalID(actor), action: try AuditAction("crm.note"), target: "recording:x",
                    outcome: .denied)
            )
            clock.advance(by: .seconds(1))
        }
        try await opened.close()
    }

    /// The vault's anchor and log as checked now (read-only).
    func check() throws -> AuditAnchorCheck {
        try VaultFolder(directory).checkAuditLog()
    }

    func anchor() throws -> AuditLogAnchor {
        try #require(try check().anchor)
    }

    func signingKey() throws -> SigningKey {
        try SigningKeyFile.open(
            try String(contentsOf: VaultFolder(directory).signingKeyFile, encoding: .utf8), passphrase: passphrase)
    }

    /// The log's entries, as the library reads them.
    func entries() async throws -> [AuditEntry] {
        try AuditLogReader.entries(at: logPath)
    }

    /// Opening the vault fails with an error `matches` accepts, and the log file is left exactly as
    /// it was (or absent).
    func expectRefused(
        _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation,
        _ matches: @escaping (any Error) -> Bool
    ) async throws {
        let before = FileManager.default.contents(atPath: logPath)
        await #expect(sourceLocation: sourceLocation) {
            let opened = try await VaultFolder.open(at: directory, passphrase: passphrase, clock: clock)
            try await opened.close()
        } throws: { error in
            matches(error)
        }
        #expect(
            FileManager.default.contents(atPath: logPath) == before, "nothing written: \(comment)",
            sourceLocation: sourceLocation)
    }

    /// Removes the anchor and the migration that made its table, as in a database an earlier
    /// version of CallVault wrote.
    func makePreviousVersionDatabase() throws {
        let database = try DatabaseQueue(path: directory.appendingPathComponent(SQLiteVault.databaseFileName).path)
        try database.write { db in
            try db.execute(
                sql: """
                    DROP TABLE audit_log_anchor;
                    DELETE FROM grdb_migrations WHERE identifier = 'v3-audit-log-anchor';
                    """)
        }
    }

    func executeSQL(_ sql: String, _ arguments: StatementArguments = []) throws {
        let database = try DatabaseQueue(path: directory.appendingPathComponent(SQLiteVault.databaseFileName).path)
        try database.write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    // MARK: The log is erased, cut short or replaced

    @Test("a new vault starts its log at creation: a vault.created entry, a checkpoint, and the anchor on it")
    func createdWithLog() async throws {
        defer { scratch.remove() }
        let check = try check()
        #expect(check.isSound)
        let anchor = try #require(check.anchor)
        #expect(anchor.sequence == 2)
        #expect(anchor.untrustedReason(key: try VaultFolder(directory).verifyingKey()) == nil)
        #expect(check.verification?.identity == anchor.identity)
        // The creation, and the catalog's (empty) adoption of row signatures: a new vault signs from the start.
        #expect(
            try await entries().map(\.record.action.description) == ["vault.created", "catalog.signatures-adopted"])
    }

    @Test("a deleted log is refused (missing, naming the anchor), and no new log is started")
    func deleted() async throws {
        defer { scratch.remove() }
        try await appendEntries(2)
        let anchor = try anchor()
        #expect(anchor.sequence == 4)
        try FileManager.default.removeItem(atPath: logPath)
        try await expectRefused("deleted") { $0 as? VaultAuditLogError == .missing(path: logPath, anchor: anchor) }
        #expect(!FileManager.default.fileExists(atPath: logPath))
        #expect("\(VaultAuditLogError.missing(path: logPath, anchor: anchor))".contains("up to its signed entry 4"))
    }

    @Test("an emptied log is refused, and so is one holding only part of a header")
    func emptied() async throws {
        defer { scratch.remove() }
        try await appendEntries(2)
        let anchor = try anchor()
        try writeLog([])
        try await expectRefused("emptied") { $0 as? VaultAuditLogError == .emptied(path: logPath, anchor: anchor) }
        try writeLog(Array(#"{"format":"callvault-au"#.utf8))
        try await expectRefused("torn header") { $0 as? VaultAuditLogError == .emptied(path: logPath, anchor: anchor) }
    }

    @Test("a log cut back to an earlier checkpoint, a valid prefix, is refused as cut short; restored, it opens")
    func cutShort() async throws {
        defer { scratch.remove() }
        try await appendEntries(2)
        let earlier = try log()
        try await appendEntries(2)
        let later = try log()
        let anchor = try anchor()
        #expect(anchor.sequence == 6)
        try writeLog(earlier)
        let key = try signingKey().verifyingKey
        #expect(AuditVerifier(trustedKey: key).verify(contents: earlier).isIntact)
        try await expectRefused("cut short") {
            $0 as? VaultAuditLogError == .cutShort(path: logPath, endsAt: 4, anchor: anchor)
        }
        // Cut in the middle of the unsigned tail is no better.
        try writeLog(Array(later.prefix(earlier.count + 10)))
        try await expectRefused("cut mid-line") {
            $0 as? VaultAuditLogError == .cutShort(path: logPath, endsAt: 4, anchor: anchor)
        }
        try writeLog(later)
        try await appendEntries(1)
    }

    @Test("a log replaced by another vault's log (another key) is refused as replaced")
    func replacedByAnotherVault() async throws {
        defer { scratch.remove() }
        let other = URL(fileURLWithPath: scratch.folder("other"))
        try VaultFolder.create(
            at: other, passphrase: passphrase,
            configuration: VaultConfiguration(organisation: "Other", purposes: [.quality]), keyParameters: .minimum)
        try writeLog(Array(try Data(contentsOf: VaultFolder(other).auditLogFile)))
        try await expectRefused("another vault's log") { error in
            guard case .replaced(_, let found, _) = (error as? VaultAuditLogError)?.reason else { return false }
            return found.contains("signed by")
        }
    }

    @Test("a log replaced by a fresh, valid log signed with the vault's own key is refused as replaced")
    func replacedByFreshLog() async throws {
        defer { scratch.remove() }
        try await appendEntries(2)
        let key = try signingKey()
        try FileManager.default.removeItem(atPath: logPath)
        _ = try AuditFileGenesis.create(
            path: logPath, signingKey: key,
            record: AuditRecord(actor: "vault", action: .vaultCreated, target: "vault", outcome: .succeeded), at: Date()
        )
        #expect(try AuditVerifier(trustedKey: key.verifyingKey).verify(fileAt: logPath).isIntact)
        try await expectRefused("fresh log") { error in
            guard case .replaced = (error as? VaultAuditLogError)?.reason else { return false }
            return true
        }
    }

    @Test("a log rewritten under the same log id (the same header, other entries) is refused as tampered")
    func rewrittenSameIdentity() async throws {
        defer { scratch.remove() }
        try await appendEntries(2)
        var lines = try log().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        // Entry 3's actor changed: its hash no longer matches.
        lines[4] = Array(
            String(decoding: lines[4], as: UTF8.self).replacingOccurrences(of: "sup.maria", with: "sup.marie").utf8)
        try writeLog(Array(lines.joined(separator: [UInt8(ascii: "\n")])))
        try await expectRefused("rewritten") { error in
            guard case .tampered(_, let line, _) = (error as? VaultAuditLogError)?.reason else { return false }
            return line == 5
        }
    }

    @Test("a log replaced by something that is not a regular file (a pipe, a folder) is refused without reading it")
    func notARegularFile() async throws {
        defer { scratch.remove() }
        let anchor = try anchor()
        try FileManager.default.removeItem(atPath: logPath)
        // A reader would wait forever on a pipe nobody writes to.
        #expect(mkfifo(logPath, 0o600) == 0)
        try await expectRefused("a pipe") { error in
            guard case .replaced(_, let found, let named) = (error as? VaultAuditLogError)?.reason else { return false }
            return found.contains("not a regular file") && named == anchor
        }
        try FileManager.default.removeItem(atPath: logPath)
        try FileManager.default.createDirectory(atPath: logPath, withIntermediateDirectories: false)
        try await expectRefused("a folder") { error in
            guard case .replaced(_, let found, _) = (error as? VaultAuditLogError)?.reason else { return false }
            return found.contains("not a regular file")
        }
    }

    @Test(
        "complete lines appended that do not chain are tampering, not a torn tail",
        arguments: [
            "garbage\n",
            #"{"seq":NEXT,"time":"2026-12-01T00:00:00.000Z","actor":"m","action":"access.decision","target":"t","outcome":"allowed","reasons":[],"hash":"0000000000000000000000000000000000000000000000000000000000000000"}"#
                + "\n",
            #"{"checkpoint":NEXT,"head":"0000000000000000000000000000000000000000000000000000000000000000","time":"2026-12-01T00:00:00.000Z","signature":"00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"}"#
                + "\n",
        ])
    func forged(line: String) async throws {
        defer { scratch.remove() }
        try await appendEntries(2)
        var bytes = try log()
        let lineCount = bytes.filter { $0 == UInt8(ascii: "\n") }.count
        bytes += Array(line.replacingOccurrences(of: "NEXT", with: "5").utf8)
        try writeLog(bytes)
        try await expectRefused("forged") { error in
            guard case .tampered(_, let number, _) = (error as? VaultAuditLogError)?.reason else { return false }
            return number == lineCount + 1
        }
    }

    @Test("a forged entry that does chain (the hash is unkeyed) is taken in, but the open records that it found it")
    func forgedButChained() async throws {
        defer { scratch.remove() }
        try await appendEntries(1)
        let key = try signingKey()
        // Whoever can write the file can compute a chained entry: append one without a checkpoint.
        let forger = try await AuditLog(
            sink: AuditFileSink(path: logPath), signingKey: key, clock: clock,
            configuration: .init(checkpointEvery: 1_000, checkpointInterval: .seconds(86_400)))
        try await forger.record(AuditRecord(actor: "mallory", action: .accessDecision, target: "t", outcome: .allowed))
        let found = try check()
        #expect(found.isSound && found.entriesAfterAnchor == 1)
        try await appendEntries(0)
        let note = try #require(try await entries().first { $0.record.action == .unsignedEntriesFound })
        #expect(note.record.reasons.first?.hasPrefix("entries 4 to 4 came after the last checkpoint") == true)
    }

    @Test("a log changed between the check and the sink's open is refused, not continued")
    func changedAfterCheck() async throws {
        defer { scratch.remove() }
        try await appendEntries(1)
        let key = try signingKey()
        let check = try check()
        let verification = try #require(check.verification)
        let identity = try #require(verification.identity)
        // Someone appends a chained entry after the check read the file.
        let writer = try await AuditLog(sink: AuditFileSink(path: logPath), signingKey: key, clock: clock)
        try await writer.record(AuditRecord(actor: "mallory", action: .accessDecision, target: "t", outcome: .allowed))
        let lock = try VaultFolderLock.acquire(folder: directory.path, file: VaultFolder.lockFileName)
        defer { lock.release() }
        let sink = CheckedAuditSink(
            sink: LockedAuditSink(file: AuditFileSink(path: logPath), lock: lock), check: check, identity: identity,
            sequence: verification.entryCount, head: verification.head ?? [])
        await #expect {
            _ = try await AuditLog(sink: sink, signingKey: key, clock: clock)
        } throws: { error in
            guard case .replaced(_, let found, _) = (error as? VaultAuditLogError)?.reason else { return false }
            return found.contains("it changed while the vault was being opened")
        }
    }

    // MARK: Crashes

    @Test("a torn last line is refused as before (tornTail), and opens once set aside with moveAside")
    func torn() async throws {
        defer { scratch.remove() }
        try await appendEntries(2)
        let torn = try log() + Array(#"{"seq":5,"time":"2026"#.utf8)
        try writeLog(torn)
        try await expectRefused("torn") { $0 as? AuditError == .tornTail(path: logPath, line: 8, byteCount: 21) }
        let tornCheck = try check()
        #expect(tornCheck.problem == nil && tornCheck.tornTail?.line == 8)
        // Recovery as before: the file sink sets the torn bytes aside.
        _ = try await AuditFileSink(path: logPath, tornTailRecovery: .moveAside).open(
            newLogID: UUID(), signer: try signingKey().verifyingKey, at: 0)
        try await appendEntries(1)
        #expect(try check().isSound)
    }

    @Test("zeros a crash left before a later block's newline are a torn line too")
    func zeros() async throws {
        defer { scratch.remove() }
        try await appendEntries(1)
        try writeLog(try log() + [UInt8](repeating: 0, count: 40) + [UInt8(ascii: "\n")])
        try await expectRefused("zeros") { $0 as? AuditError == .tornTail(path: logPath, line: 7, byteCount: 41) }
    }

    @Test("killed between the log's sync and the anchor's update: the vault opens, moves the anchor on, and says so")
    func crashBeforeAnchorUpdate() async throws {
        defer { scratch.remove() }
        try await appendEntries(1)
        let before = try anchor()
        // The log gets a checkpoint the database never heard of, as when the process dies after
        // the log's fsync and before the database's commit.
        let writer = try await AuditLog(sink: AuditFileSink(path: logPath), signingKey: try signingKey(), clock: clock)
        try await writer.record(AuditRecord(actor: "sup.maria", action: .accessDecision, target: "t", outcome: .denied))
        try await writer.checkpoint()
        let found = try check()
        #expect(found.isSound && found.isAnchorBehind, "the log is ahead of the anchor, which is allowed")
        #expect(found.anchor == before)
        try await appendEntries(0)
        let advanced = try #require(try await entries().first { $0.record.action == .anchorAdvanced })
        #expect(
            advanced.record.reasons.first
                == "the anchor held the checkpoint of entry 3, the log's last checkpoint signs entry 4")
        let after = try check()
        #expect(after.isSound && !after.isAnchorBehind)
        #expect(after.anchor?.sequence == after.verification?.lastCheckpoint)
    }

    // MARK: Vaults made by an earlier version

    @Test("a vault made by an earlier version (no anchor, a log) opens, is anchored, and the log says so")
    func previousVersion() async throws {
        defer { scratch.remove() }
        try makePreviousVersionDatabase()
        // The earlier version's log: started at the first open, entries, not all signed.
        try FileManager.default.removeItem(atPath: logPath)
        let old = try await AuditLog(
            sink: AuditFileSink(path: logPath), signingKey: try signingKey(), clock: clock,
            configuration: .init(checkpointEvery: 2))
        for _ in 0..<3 {
            try await old.record(
                AuditRecord(actor: "sup.maria", action: .accessDecision, target: "t", outcome: .denied))
        }
        let unanchored = try check()
        #expect(unanchored.anchor == nil && unanchored.isSound)
        try await appendEntries(0)
        let actions = try await entries().map(\.record.action)
        // Anchored, its unsigned entries named, its configuration files' signed version recorded,
        // the configuration in force recorded (its first record), and its rows written before
        // signatures adopted.
        #expect(
            actions.suffix(5).map(\.description) == [
                "audit.anchored", "audit.unsigned-entries-found", "vault.files-signed", "vault.configuration-applied",
                "catalog.signatures-adopted",
            ])
        let anchored = try check()
        #expect(anchored.isSound && anchored.anchor?.sequence == 8)
        // From now on it is protected like any other vault.
        try FileManager.default.removeItem(atPath: logPath)
        try await expectRefused("deleted after anchoring") { error in
            guard case .missing(_, let anchor) = (error as? VaultAuditLogError)?.reason else { return false }
            return anchor?.sequence == 8
        }
    }

    @Test("a vault made by an earlier version without a log is refused: no log is started for it")
    func previousVersionWithoutLog() async throws {
        defer { scratch.remove() }
        try makePreviousVersionDatabase()
        try FileManager.default.removeItem(atPath: logPath)
        try await expectRefused("no log, no anchor") {
            $0 as? VaultAuditLogError == .missing(path: logPath, anchor: nil)
        }
        #expect(!FileManager.default.fileExists(atPath: logPath))
        try writeLog([])
        try await expectRefused("empty log, no anchor") {
            $0 as? VaultAuditLogError == .emptied(path: logPath, anchor: nil)
        }
    }

    // MARK: Someone who can write the database

    @Test("database only: an anchor moved back to an older checkpoint is moved on again, and the log records it")
    func anchorRolledBack() async throws {
        defer { scratch.remove() }
        let first = try anchor()
        try await appendEntries(2)
        try executeSQL(
            "UPDATE audit_log_anchor SET sequence = ?, head = ?, checkpoint_time = ?, signature = ?",
            [
                Int64(first.sequence), Data(first.checkpoint.head), first.checkpoint.timestamp,
                Data(first.checkpoint.signature),
            ])
        #expect(try check().isAnchorBehind)
        try await appendEntries(0)
        #expect(try await entries().contains { $0.record.action == .anchorAdvanced })
        #expect(try anchor().sequence > 3)
    }

    @Test(
        "database only: an anchor that does not verify with the vault's key is refused",
        arguments: ["head", "signature", "log_id", "created"])
    func anchorForged(column: String) async throws {
        defer { scratch.remove() }
        try await appendEntries(1)
        switch column {
        case "log_id": try executeSQL("UPDATE audit_log_anchor SET log_id = ?", [UUID().uuidString.lowercased()])
        case "created": try executeSQL("UPDATE audit_log_anchor SET created = created + 1")
        default: try executeSQL("UPDATE audit_log_anchor SET \(column) = zeroblob(length(\(column)))")
        }
        try await expectRefused("anchor \(column) changed") { error in
            guard case .anchorNotTrusted = (error as? VaultAuditLogError)?.reason else { return false }
            return true
        }
        #expect(throws: VaultAuditLogError.self) { try check() }
    }

    @Test(
        "database only: an anchor removed is refused, not put back from the log: the log may have been cut short with it"
    )
    func anchorRemoved() async throws {
        defer { scratch.remove() }
        try await appendEntries(1)
        try executeSQL("DELETE FROM audit_log_anchor")
        try await expectRefused("anchor removed") { error in
            guard case .anchorNotTrusted(_, let reason) = (error as? VaultAuditLogError)?.reason else { return false }
            return reason.contains("holds no anchor")
        }
        #expect(throws: VaultAuditLogError.self) { try check() }
    }

    @Test("database and log rolled back together to an earlier state: the vault opens; only a witness catches it")
    func bothRolledBack() async throws {
        defer { scratch.remove() }
        try await appendEntries(1)
        let database = directory.appendingPathComponent(SQLiteVault.databaseFileName)
        // A copy of the database (its anchor) and the log, taken together.
        let oldLog = try log()
        let oldAnchor = try anchor()
        let witness = scratch.folder("witness")
        try await appendEntries(2)
        let key = try signingKey().verifyingKey
        // A witness kept elsewhere holds the latest checkpoint.
        try await AuditCheckpointFile(path: witness).witness(try anchor().checkpoint, logID: oldAnchor.identity.logID)
        // Roll back both: the log and the anchor row.
        try writeLog(oldLog)
        try executeSQL(
            "UPDATE audit_log_anchor SET sequence = ?, head = ?, checkpoint_time = ?, signature = ?",
            [
                Int64(oldAnchor.sequence), Data(oldAnchor.checkpoint.head), oldAnchor.checkpoint.timestamp,
                Data(oldAnchor.checkpoint.signature),
            ])
        _ = database
        #expect(try check().isSound, "consistent with itself: the anchor cannot tell")
        let verification = try AuditVerifier(
            trustedKey: key, witnessed: try AuditCheckpointFile.checkpoints(at: witness)
        ).verify(fileAt: logPath)
        #expect(verification.problem?.kind == .truncated, "the witness holds a later checkpoint")
    }
}

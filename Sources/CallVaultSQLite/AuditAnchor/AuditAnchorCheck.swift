public import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A vault's audit log file checked against the anchor its database keeps: the whole chain and
/// every signature verified with the vault's key, the file's identity compared with the anchored
/// one, and the anchored checkpoint required to be in the file (as a witnessed checkpoint is).
///
/// ``CallVaultFileStore/VaultFolder/open(at:passphrase:simulation:clock:auditClock:auditConfiguration:)`` runs it before writing anything
/// and refuses the vault unless it is sound; ``CallVaultFileStore/VaultFolder/checkAuditLog()`` runs it without the
/// passphrase and writes nothing (`callvault vault audit`).
///
/// ```swift
/// let check = try VaultFolder(directory).checkAuditLog()
/// if let problem = check.problem { print(problem) }
/// ```
public struct AuditAnchorCheck: Sendable {
    /// The log file's path.
    public let path: String
    /// What the database anchors; `nil` for a vault made by an earlier version, not yet opened
    /// for writing by this one (opening anchors its log).
    public let anchor: AuditLogAnchor?
    /// The log verified with the vault's key and the anchor as a witnessed checkpoint; `nil` when
    /// the file is missing or empty.
    public let verification: AuditVerification?
    /// The first problem with the log as the vault's log; `nil` when it is sound, or when the only
    /// problem is a torn last line (see ``tornTail``).
    public let problem: VaultAuditLogError?
    /// The line number and size of a last line a crash cut short, when that is all that is wrong.
    public let tornTail: (line: Int, byteCount: Int)?
    /// Without an anchor: the first line of the log that only a version of CallVault that anchors
    /// its log writes (its anchoring, or the adoption of catalog signatures, which came later), if
    /// any. Such a log's anchor did exist: the database lost it.
    let lineOfAnchoringVersion: Int?

    /// Whether the log is the anchored one, whole, and reaches the anchored checkpoint (or, for a
    /// vault not yet anchored, verifies on its own).
    public var isSound: Bool {
        problem == nil && tornTail == nil && verification?.problem?.kind != .wrongSigner
    }

    /// Entries the log holds after the anchored one: written since the anchor last moved (a
    /// crash, or a process still running); 0 when there is no anchor or no verification.
    public var entriesAfterAnchor: UInt64 {
        guard let anchor, let verification else { return 0 }
        return verification.entryCount - min(anchor.sequence, verification.entryCount)
    }

    /// Whether the log's last verified checkpoint is later than the anchored one: the database
    /// missed an update (a crash between the log's sync and the database's), or was restored from
    /// an older copy. The next open moves the anchor on and records that it did.
    public var isAnchorBehind: Bool {
        guard let anchor, let latest = verification?.latestCheckpoint else { return false }
        return latest.sequence > anchor.sequence
    }

    /// Throws what makes the log unusable as the vault's log: the ``problem``, or
    /// `AuditError.tornTail` for a torn last line (recover it with `AuditFileSink`'s
    /// `.moveAside`, then open again), or `AuditError.wrongSigner` for a vault not yet anchored
    /// whose log another key signs.
    public func requireSound() throws {
        if let problem { throw problem }
        if let tornTail {
            throw AuditError.tornTail(path: path, line: tornTail.line, byteCount: tornTail.byteCount)
        }
        if anchor == nil, let verification, verification.problem?.kind == .wrongSigner,
            let found = verification.signer
        {
            throw AuditError.wrongSigner(expected: trustedKeyDescription, found: found.description)
        }
    }

    private let trustedKeyDescription: String

    /// Checks the log file at `path` against `anchor` with the organisation's `key`, judging its
    /// times by `clock` (an entry dated more than an hour after it is tampering: see
    /// `AuditProblem.Kind.entryInTheFuture`).
    init(path: String, anchor: AuditLogAnchor?, key: VerifyingKey, clock: any WallClock) throws {
        self.path = path
        self.anchor = anchor
        self.trustedKeyDescription = key.description
        var status = stat()
        guard stat(path, &status) == 0 else {
            lineOfAnchoringVersion = nil
            (verification, problem, tornTail) = (nil, .missing(path: path, anchor: anchor), nil)
            return
        }
        // Never read anything but a regular file: a pipe would block the reader, a device never end.
        guard status.st_mode & S_IFMT == S_IFREG else {
            let found = "it is not a regular file"
            lineOfAnchoringVersion = nil
            guard let anchor else {
                (verification, problem, tornTail) = (nil, .tampered(path: path, line: 1, detail: found), nil)
                return
            }
            (verification, problem, tornTail) = (nil, .replaced(path: path, found: found, anchor: anchor), nil)
            return
        }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw AuditError(
                .io(path: path, reason: "it cannot be read (\(error.localizedDescription))"), underlying: error)
        }
        guard !bytes.isEmpty else {
            lineOfAnchoringVersion = nil
            (verification, problem, tornTail) = (nil, .emptied(path: path, anchor: anchor), nil)
            return
        }
        let verification = AuditVerifier(
            trustedKey: key, witnessed: anchor.map { [$0.checkpoint] } ?? [], clock: clock
        )
        .verify(contents: bytes)
        self.verification = verification
        (problem, tornTail) = Self.judge(verification, bytes: bytes, path: path, anchor: anchor)
        lineOfAnchoringVersion = anchor == nil ? Self.lineOfAnchoringVersion(bytes) : nil
    }

    /// The actions only a version of CallVault that anchors its log writes.
    private static let anchoringVersionActions: Set<String> = [
        AuditAction.logAnchored.identifier, "catalog.signatures-adopted",
    ]

    /// The first line (1-based) whose entry's action is one of ``anchoringVersionActions``.
    private static func lineOfAnchoringVersion(_ bytes: [UInt8]) -> Int? {
        // Only read for a log without an anchor (once per vault made by an earlier version).
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let action = object["action"] as? String
            else { continue }
            if anchoringVersionActions.contains(action) { return index + 1 }
        }
        return nil
    }

    /// The problem with a verified log as the vault's log, or its torn tail.
    private static func judge(
        _ verification: AuditVerification, bytes: [UInt8], path: String, anchor: AuditLogAnchor?
    ) -> (VaultAuditLogError?, (line: Int, byteCount: Int)?) {
        guard let identity = verification.identity else {
            // No header that reads: only part of one (torn while the log was being created), or
            // a file that is not an audit log.
            if verification.problem?.kind == .tornLine {
                return (.emptied(path: path, anchor: anchor), nil)
            }
            let found = "it is not a CallVault audit log (\(verification.problem?.detail ?? "no header"))"
            guard let anchor else {
                return (.tampered(path: path, line: 1, detail: found), nil)
            }
            return (.replaced(path: path, found: found, anchor: anchor), nil)
        }
        if let anchor, identity != anchor.identity {
            return (.replaced(path: path, found: "it is \(Self.describe(identity))", anchor: anchor), nil)
        }
        guard let problem = verification.problem else { return (nil, nil) }
        switch problem.kind {
        case .tornLine:
            return (nil, (problem.line, tornByteCount(bytes)))
        case .truncated:
            guard let anchor else { return (.tampered(path: path, line: problem.line, detail: problem.detail), nil) }
            return (.cutShort(path: path, endsAt: verification.entryCount, anchor: anchor), nil)
        case .wrongSigner:
            // Only without an anchor: with one, another signer is another identity (above).
            return (nil, nil)
        case .notAnAuditLog, .malformedLine, .entryAltered, .entriesMissing, .entryOutOfOrder, .checkpointForged,
            .checkpointMismatch, .entryInTheFuture:
            return (.tampered(path: path, line: problem.line, detail: problem.detail), nil)
        }
    }

    /// `log <id>, created <time>, signed by <key>`.
    static func describe(_ identity: AuditLogIdentity) -> String {
        let created = ISO8601DateFormatter().string(from: identity.createdDate)
        return "log \(identity.logID.uuidString.lowercased()), created \(created), signed by \(identity.signer)"
    }

    /// The size of the torn last line: the bytes after the last newline, or the whole last line
    /// when it ends in one (zeros a crash left before a later block's newline).
    private static func tornByteCount(_ bytes: [UInt8]) -> Int {
        let body = bytes.last == UInt8(ascii: "\n") ? bytes.dropLast() : bytes[...]
        let start = body.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        return bytes.count - start
    }
}

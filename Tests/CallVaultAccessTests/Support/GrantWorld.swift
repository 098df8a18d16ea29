import CallVaultAccess
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation

/// Keys, a sealed recording, an identity file and an audit log for the grant and custodian tests.
enum GrantWorld {
    static let passphrase = "correct horse battery staple"

    static func signingKey() -> SigningKey {
        do { return try SigningKey.generate() } catch { preconditionFailure("\(error)") }
    }

    /// The access service's key, which custodians trust.
    static let issuerKey = signingKey()
    /// Someone else's key.
    static let otherKey = signingKey()

    /// The custodian's recipient identity.
    static let identity: Identity = {
        do { return try Identity.generate() } catch { preconditionFailure("\(error)") }
    }()

    /// The identity sealed under ``passphrase`` with the cheapest Argon2id settings (tests only).
    static let identityFile: String = {
        do {
            return try IdentityFile.seal(identity, passphrase: Passphrase(passphrase), parameters: .minimum)
        } catch { preconditionFailure("\(error)") }
    }()

    static let audio = (0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }

    /// A recording sealed to the custodian's identity, its wraps kept outside the file (as a
    /// `KeyStore` would).
    static func sealedRecording(_ id: RecordingID = World.recordingID) throws -> (
        envelope: [UInt8], wraps: [WrappedDataKey]
    ) {
        let configuration = EnvelopeConfiguration(
            recordingID: id, segmentSize: 1_024,
            context: EnvelopeContext(tenant: "acme", callID: "call-1", channelLayout: ["agent", "customer"]),
            wrapPlacement: .external)
        let writer = try EnvelopeWriter(
            configuration: configuration, recipients: [identity.recipient], output: [UInt8]())
        try writer.append(audio)
        let summary = try writer.finish()
        return (writer.output, summary.wraps)
    }

    /// The plaintext of `envelope` opened with `key`.
    static func open(_ envelope: [UInt8], with key: DataKey) throws -> [UInt8] {
        let reader = try EnvelopeReader(source: envelope, dataKey: key)
        var plaintext: [UInt8] = []
        try reader.readAll(to: &plaintext)
        return plaintext
    }

    /// An audit log in memory, and its sink to read entries back.
    static func auditLog(clock: ManualWallClock) async throws -> (AuditLog, InMemoryAuditSink) {
        let sink = InMemoryAuditSink()
        let log = try await AuditLog(sink: sink, signingKey: signingKey(), clock: clock)
        return (log, sink)
    }

    /// An allowed decision for `action` on `recording` (Maria, quality) from ``World/policy``,
    /// decided at `time`.
    static func decision(
        _ action: AccessAction = .listen, principal: Principal = World.maria, purpose: Purpose = .quality,
        recording: RecordingAccessAttributes = World.recording, at time: Date = World.now,
        justification: String? = nil, approvals: Set<PrincipalID> = []
    ) -> AccessDecision {
        World.policy.decide(
            World.request(
                principal, action, purpose, recording: recording, at: time, justification: justification,
                approvals: approvals))
    }

    /// A grant's file with one change made to both copies of its signed payload (the readable
    /// document and the base64 bytes), so it still reads as a well-formed grant.
    static func editPayload(of grant: SignedAccessGrant, _ edit: (inout [UInt8]) -> Void) throws -> SignedAccessGrant {
        let file = try grant.fileContents()
        var payload = grant.signedPayload
        edit(&payload)
        let edited =
            file
            .replacingOccurrences(
                of: String(decoding: grant.signedPayload, as: UTF8.self), with: String(decoding: payload, as: UTF8.self)
            )
            .replacingOccurrences(
                of: Data(grant.signedPayload).base64EncodedString(), with: Data(payload).base64EncodedString())
        return try SignedAccessGrant(fileContents: edited)
    }

    /// A grant's file with one hexadecimal digit of its signature changed.
    static func editSignature(of grant: SignedAccessGrant) throws -> SignedAccessGrant {
        let file = try grant.fileContents()
        let signature = grant.signature.description
        var digits = Array(signature)
        digits[10] = digits[10] == "0" ? "1" : "0"
        return try SignedAccessGrant(fileContents: file.replacingOccurrences(of: signature, with: String(digits)))
    }
}

extension Array where Element == UInt8 {
    /// Replaces the first occurrence of `old` (same length) with `new`; `false` when absent.
    @discardableResult
    mutating func replaceFirst(_ old: String, with new: String) -> Bool {
        let needle = Array(old.utf8)
        let replacement = Array(new.utf8)
        guard needle.count == replacement.count, needle.count <= count else { return false }
        for start in 0...(count - needle.count) where Array(self[start..<start + needle.count]) == needle {
            replaceSubrange(start..<start + needle.count, with: replacement)
            return true
        }
        return false
    }
}

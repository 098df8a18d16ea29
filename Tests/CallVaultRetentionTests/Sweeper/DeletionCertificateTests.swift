import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// Deletion certificates verify with the organisation's key, state the facts of the deletion, and
/// fail verification after any one-byte edit.
@Suite("Sweeper: deletion certificates")
struct DeletionCertificateTests {
    static func sweptWorld() async throws -> RetentionWorld {
        let world = try RetentionWorld(now: try Fixture.date("2026-06-01T12:00:00.750Z"))
        try await world.add([
            try Fixture.call(
                1, endedAt: try Fixture.date("2026-01-10T10:00:00.250Z"), places: ["BR"],
                regimes: ["br-sac-decree-11034"]),
            try Fixture.call(
                3, endedAt: try Fixture.date("2025-10-01T10:00:00Z"), minutes: 12, places: ["FR"], purposes: [.quality]),
        ])
        _ = try await world.sweeper().sweep()
        return world
    }

    @Test("a certificate verifies with the organisation key and states recording, commitment, rule, times and sweeper")
    func certificateContents() async throws {
        let world = try await Self.sweptWorld()
        let brazil = try await world.certificate(of: Fixture.recordingID(1))
        #expect(brazil.recordingID == Fixture.recordingID(1))
        #expect(brazil.keyCommitment == Fixture.hex(Fixture.keyCommitment(1)))
        #expect(brazil.keyCommitment?.count == 64)
        #expect(brazil.cause == .retentionExpired("br-sac-decree-11034"))
        let regimeName = try #require(try RetentionCatalog.bundled.regime("br-sac-decree-11034")?.name)
        #expect(brazil.ruleName == regimeName)
        #expect(brazil.ruleName?.contains("Decreto 11.034/2022") == true)
        // 90 days after the end of the call, stated to the whole second.
        #expect(brazil.keptUntil == (try Fixture.date("2026-04-10T10:00:00Z")))
        #expect(brazil.deletedAt == (try Fixture.date("2026-06-01T12:00:00Z")))
        #expect(brazil.sweeper == "sweeper@recorder-7")
        #expect(brazil.catalogVersion.hasPrefix("callvault-2026.12.06+"))
        #expect(brazil.policyVersion == "none")

        // CNIL: the maximum (six months from the start of the call) set the deletion time.
        let cnil = try await world.certificate(of: Fixture.recordingID(3))
        #expect(cnil.cause == .retentionExpired("fr-cnil-call-recording"))
        #expect(cnil.ruleName == (try RetentionCatalog.bundled.regime("fr-cnil-call-recording")?.name))
        #expect(cnil.ruleName?.hasPrefix("CNIL guidance") == true)
        #expect(cnil.deletedAt >= Fixture.adding(months: 6, to: try Fixture.date("2025-10-01T09:48:00Z")))
    }

    @Test("the file names the format and verifies only with the organisation's key")
    func wrongKeyIsRefused() async throws {
        let world = try await Self.sweptWorld()
        let tombstone = try #require(world.tombstonesByID[Fixture.recordingID(1)])
        #expect(tombstone.certificate.contains("\"format\" : \"callvault-deletion-certificate/1\""))
        #expect(tombstone.certificate.contains("\"deletedAt\":\"2026-06-01T12:00:00Z\""), "the file is readable")
        let signed = try SignedDocument<DeletionCertificate>(fileContents: tombstone.certificate)
        #expect(signed.signer == world.key.verifyingKey)
        let other = try SigningKey.generate()
        #expect(throws: SignedDocumentError.self) { try signed.verified(by: other.verifyingKey) }
        // A certificate re-signed by another key over the same facts does not pass as the organisation's.
        let forged = try SignedDocument(signing: signed.content, with: other).fileContents()
        #expect(throws: SignedDocumentError.self) {
            try SignedDocument<DeletionCertificate>(fileContents: forged).verified(by: world.key.verifyingKey)
        }
    }

    @Test("changing any one byte of a certificate file makes it fail to read or to verify")
    func everyOneByteEditFails() async throws {
        let world = try await Self.sweptWorld()
        let tombstone = try #require(world.tombstonesByID[Fixture.recordingID(1)])
        let original = try SignedDocument<DeletionCertificate>(fileContents: tombstone.certificate)
        let bytes = Array(tombstone.certificate.utf8)
        var accepted: [Int] = []
        var reencoded: [Int] = []
        for index in bytes.indices {
            for flip: UInt8 in [0x01, 0x02, 0x20] {
                var edited = bytes
                edited[index] ^= flip
                guard
                    let signed = try? SignedDocument<DeletionCertificate>(
                        fileContents: String(decoding: edited, as: UTF8.self)),
                    (try? signed.verified(by: world.key.verifyingKey)) != nil
                else { continue }
                // The same signed bytes, signature and signer, written differently (hex case, unused
                // base64 bits) would leave the facts intact but the file not byte-unique.
                if signed == original { reencoded.append(index) } else { accepted.append(index) }
            }
        }
        let context = accepted.prefix(5).map { index in
            String(decoding: bytes[max(0, index - 20)..<min(bytes.count, index + 20)], as: UTF8.self)
        }
        #expect(accepted.isEmpty, "edits at \(accepted.prefix(20)) change what verifies: \(context)")
        // Signed files have one spelling: hex case and unused base64 bits are refused too.
        #expect(reencoded.isEmpty, "edits at \(reencoded.prefix(20)) re-encode the signature, signer or payload")
    }

    @Test("the readable copy's dates are read only in the form certificates are written in")
    func readableDatesAreCanonical() async throws {
        let world = try await Self.sweptWorld()
        let tombstone = try #require(world.tombstonesByID[Fixture.recordingID(1)])
        for (from, to) in [
            ("2026-06-01T12:00:00Z", "2026-06-01t12:00:00Z"), ("2026-06-01T12:00:00Z", "2026-06-01T12:00:00z"),
            ("2026-06-01T12:00:00Z", "2026-06-01T12:00:00.000Z"), ("2026-06-01T12:00:00Z", "2026-06-01T12:00:00+00:00"),
            ("2026-06-01T12:00:00Z", "2026-06-01T14:00:00+02:00"),
        ] {
            let edited = tombstone.certificate.replacingOccurrences(
                of: "\"deletedAt\":\"\(from)\"", with: "\"deletedAt\":\"\(to)\"")
            #expect(edited != tombstone.certificate)
            #expect(throws: SignedDocumentError.self, "\(to)") {
                try SignedDocument<DeletionCertificate>(fileContents: edited).verified(by: world.key.verifyingKey)
            }
        }
    }

    @Test("a certificate edited to an earlier deletion time or another recording fails")
    func meaningfulEditsFail() async throws {
        let world = try await Self.sweptWorld()
        let tombstone = try #require(world.tombstonesByID[Fixture.recordingID(1)])
        let backdated = tombstone.certificate.replacingOccurrences(
            of: "2026-06-01T12:00:00Z", with: "2026-03-01T12:00:00Z")
        #expect(backdated != tombstone.certificate)
        #expect(throws: (any Error).self) {
            try SignedDocument<DeletionCertificate>(fileContents: backdated).verified(by: world.key.verifyingKey)
        }
        let other = tombstone.certificate.replacingOccurrences(
            of: Fixture.recordingID(1).description, with: Fixture.recordingID(2).description)
        #expect(other != tombstone.certificate)
        #expect(throws: (any Error).self) {
            try SignedDocument<DeletionCertificate>(fileContents: other).verified(by: world.key.verifyingKey)
        }
    }
}

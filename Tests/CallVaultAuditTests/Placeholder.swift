import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import Testing

@Test func smoke() async throws {
    let key = try SigningKey.generate()
    let sink = InMemoryAuditSink()
    let clock = ManualWallClock(Date(timeIntervalSince1970: 1_790_000_000.123))
    let log = try await AuditLog(
        sink: sink, signingKey: key, clock: clock, configuration: .init(checkpointEvery: 100))
    for index in 0..<250 {
        try await log.record(
            AuditRecord(
                actor: "sup.maria", action: .accessDecision, target: "recording:\(index)", purpose: .quality,
                outcome: .allowed, reasons: ["rule \"x\"\n", "ü"]))
        clock.advance(by: .milliseconds(7))
    }
    let bytes = sink.fileContents()
    let verification = AuditVerifier(trustedKey: key.verifyingKey).verify(contents: bytes)
    print(verification)
    #expect(verification.isIntact)
    #expect(verification.entryCount == 250)
    var edited = bytes
    edited[bytes.count / 2] ^= 1
    let tampered = AuditVerifier(trustedKey: key.verifyingKey).verify(contents: edited)
    print(tampered)
    #expect(!tampered.isIntact)
}

import CallVaultCore
import CallVaultCrypto
import Foundation
import Testing

/// Issue 13's outside review (finding 5): an altered header is not always
/// `envelope.header-tampered`. Which check notices depends on the field (a changed recording id
/// fails the wrap's binding first, a changed magic is not an envelope at all), so
/// Documentation/ErrorHandling.md lists every code an altered header can produce, and a host
/// matches all of them. Every bit of a header, flipped in turn, gives one of those codes.
@Suite("An altered header gives one of the documented codes")
struct HeaderAlterationCodesTests {
    /// The codes ErrorHandling.md lists under "An altered header".
    static func documentedCodes() throws -> Set<String> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(
            contentsOf: root.appendingPathComponent("Documentation/ErrorHandling.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "### An altered header").dropFirst().first)
        let body = section.components(separatedBy: "\n#").first ?? section
        let code = try Regex(#"`([a-z]+\.[a-z0-9-]+)`"#)
        return Set(body.matches(of: code).compactMap { $0.output[1].substring.map(String.init) })
    }

    @Test("every bit of every header byte, flipped, gives a documented code")
    func everyBitFlip() throws {
        let documented = try Self.documentedCodes()
        #expect(documented.contains("envelope.header-tampered"), "the section is missing: \(documented)")
        let plaintext = Fixtures.bytes(64 * 3 + 5)
        let envelope = try EnvelopeBytes(
            Fixtures.seal(plaintext, segmentSize: 64, recipients: [Fixtures.alice.recipient, Fixtures.bob.recipient])
                .envelope)
        var seen: [String: Int] = [:]
        for offset in 0..<envelope.header.byteCount {
            for bit in 0..<8 {
                var copy = envelope
                copy.flipBit(at: offset, bit: bit)
                // The wraps are outside the header's MAC (recipients are added and removed without
                // resealing), so a changed wrap fails only for its own recipient: open as both.
                var failures = 0
                for identity in [Fixtures.alice, Fixtures.bob] {
                    do {
                        _ = try Fixtures.open(copy.bytes, identity: identity)
                    } catch let error as any CallVaultError {
                        failures += 1
                        let code = error.code.rawValue
                        seen[code, default: 0] += 1
                        #expect(documented.contains(code), "byte \(offset) bit \(bit): \(code) is not documented")
                    } catch {
                        Issue.record("byte \(offset) bit \(bit): \(error) is not a CallVault error")
                    }
                }
                #expect(failures > 0, "a flip at header byte \(offset) bit \(bit) opened for both recipients")
            }
        }
        // The flips reach more than one check: the list is not a single code in disguise.
        #expect(seen.count > 3, "\(seen)")
        // The review's case: a changed recording id is the wrap's binding, not the header's MAC.
        #expect(seen["crypto.wrap-bound-to-other-recording"] != nil, "\(seen)")
    }
}

import CallVaultCore
import CallVaultCrypto
import Foundation
import Testing

@Suite("Recipients, identities and wraps")
struct KeyTests {
    @Test("recipient strings round-trip and carry the callvault prefix")
    func recipientString() throws {
        let recipient = Fixtures.alice.recipient
        let text = recipient.description
        #expect(text.hasPrefix("callvault1"))
        #expect(try Recipient(parsing: text) == recipient)
        #expect(try Recipient(parsing: "  \(text)\n") == recipient)
        #expect(try Recipient(parsing: text.uppercased()) == recipient)
    }

    @Test("every single-character typo in a recipient string is rejected")
    func recipientTypos() throws {
        let text = Array(Fixtures.bob.recipient.description)
        let alphabet = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l")
        for position in "callvault1".count..<text.count {
            var typo = text
            typo[position] = alphabet.first { $0 != text[position] } ?? "q"
            #expect(throws: (any Error).self) { try Recipient(parsing: String(typo)) }
        }
        #expect(throws: (any Error).self) { try Recipient(parsing: String(text.dropLast())) }
        #expect(throws: (any Error).self) { try Recipient(parsing: String(text.dropLast(10))) }
        #expect(throws: (any Error).self) { try Recipient(parsing: "age1" + String(text.dropFirst(10))) }
        #expect(throws: (any Error).self) { try Recipient(parsing: "") }
    }

    @Test("a wrong prefix is named in the error")
    func wrongPrefix() throws {
        #expect {
            try Recipient(parsing: "A1LQFN3A")
        } throws: { error in
            (error as? CryptoError)?.description.contains("starts with 'a1'") == true
        }
    }

    @Test("fingerprints parse from their hex form and reject anything else")
    func fingerprints() throws {
        let fingerprint = Fixtures.alice.recipient.fingerprint
        #expect(fingerprint.description.count == 32)
        #expect(try RecipientFingerprint(parsing: fingerprint.description) == fingerprint)
        #expect(throws: CryptoError.malformedFingerprint("xyz")) { try RecipientFingerprint(parsing: "xyz") }
        #expect(Fixtures.alice.recipient.fingerprint != Fixtures.bob.recipient.fingerprint)
    }

    @Test("a wrap opens only with its identity and only for its recording")
    func wrapBinding() throws {
        let key = try DataKey.generate()
        let recording = RecordingID()
        let wrap = try key.wrapped(for: Fixtures.alice.recipient, recordingID: recording)
        #expect(try Fixtures.alice.unwrap(wrap, recordingID: recording) == key)
        let elsewhere = RecordingID()
        #expect(throws: CryptoError.wrapBoundToOtherRecording(expected: elsewhere, found: recording)) {
            try Fixtures.alice.unwrap(wrap, recordingID: elsewhere)
        }
        #expect(
            throws: CryptoError.wrapForOtherRecipient(
                wrap: Fixtures.alice.recipient.fingerprint, identity: Fixtures.bob.recipient.fingerprint)
        ) { try Fixtures.bob.unwrap(wrap, recordingID: recording) }
        // Claiming to be for bob does not make alice's sealed box open for him.
        let relabelled = try WrappedDataKey(recipient: Fixtures.bob.recipient.fingerprint, sealedKey: wrap.sealedKey)
        #expect(throws: CryptoError.wrapDoesNotOpen(Fixtures.bob.recipient.fingerprint)) {
            try Fixtures.bob.unwrap(relabelled, recordingID: recording)
        }
        #expect(try WrappedDataKey(serialized: wrap.serialized) == wrap)
        #expect(throws: (any Error).self) { try WrappedDataKey(serialized: wrap.serialized.dropLast()) }
    }

    @Test("a wrap moved onto another recording's envelope does not open it")
    func wrapMovedBetweenEnvelopes() throws {
        let (first, firstSummary) = try Fixtures.seal(Fixtures.bytes(100), wrapPlacement: .external)
        let (_, secondSummary) = try Fixtures.seal(Fixtures.bytes(100), wrapPlacement: .external)
        #expect(
            throws: CryptoError.wrapBoundToOtherRecording(
                expected: firstSummary.header.recordingID, found: secondSummary.header.recordingID)
        ) { try EnvelopeReader(source: first, wraps: secondSummary.wraps, identity: Fixtures.alice) }
    }

    @Test("data keys compare by value in constant time and never equal a fresh key")
    func dataKeyEquality() throws {
        let key = try DataKey.generate()
        let copy = try key.withUnsafeBytes { try DataKey(copying: $0) }
        #expect(key == copy)
        #expect(try key != DataKey.generate())
        #expect(throws: CryptoError.invalidKeyLength(kind: "data key", expected: 32, actual: 3)) {
            try [UInt8](repeating: 1, count: 3).withUnsafeBytes { try DataKey(copying: $0) }
        }
    }
}

@Suite("Identity files")
struct IdentityFileTests {
    static let passphrase = "correct horse battery staple"

    static func sealedAlice() throws -> String {
        try IdentityFile.seal(Fixtures.alice, passphrase: Passphrase(passphrase), parameters: .minimum)
    }

    @Test("an identity file opens with its passphrase and names its recipient without it")
    func roundTrip() throws {
        let text = try Self.sealedAlice()
        #expect(text.contains(Fixtures.alice.recipient.description))
        #expect(try IdentityFile.recipient(in: text) == Fixtures.alice.recipient)
        let opened = try IdentityFile.open(text, passphrase: Passphrase(Self.passphrase))
        #expect(opened.recipient == Fixtures.alice.recipient)
        let key = try DataKey.generate()
        let id = RecordingID()
        #expect(try opened.unwrap(key.wrapped(for: Fixtures.alice.recipient, recordingID: id), recordingID: id) == key)
    }

    @Test("a wrong passphrase is its own error")
    func wrongPassphrase() throws {
        let text = try Self.sealedAlice()
        #expect(throws: CryptoError.wrongPassphrase) { try IdentityFile.open(text, passphrase: Passphrase("wrong")) }
    }

    @Test("an empty passphrase is refused when sealing")
    func emptyPassphrase() throws {
        #expect(throws: CryptoError.emptyPassphrase) {
            try IdentityFile.seal(Fixtures.alice, passphrase: Passphrase(""), parameters: .minimum)
        }
    }

    @Test("parameters outside the bounds are refused")
    func parameterBounds() throws {
        #expect(throws: (any Error).self) {
            try IdentityFile.seal(
                Fixtures.alice, passphrase: Passphrase("x"),
                parameters: .init(operationsLimit: 1, memoryLimit: 2 << 30))
        }
    }

    @Test("damaged identity files get a typed error that says what is wrong")
    func damagedFiles() throws {
        let text = try Self.sealedAlice()
        let dataLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("CALLVAULT-IDENTITY-") })
        let body = String(dataLine.split(separator: " ")[1])
        let passphrase = try Passphrase(Self.passphrase)
        let cases: [(String, (CryptoError) -> Bool)] = [
            ("", { if case .malformedIdentityFile = $0 { return true } else { return false } }),
            ("# only a comment\n", { if case .malformedIdentityFile = $0 { return true } else { return false } }),
            ("CALLVAULT-IDENTITY-2 \(body)\n", { $0 == .unsupportedIdentityFileVersion(2) }),
            (
                "CALLVAULT-IDENTITY-1 \(body.dropLast(8))\n",
                { if case .malformedIdentityFile = $0 { return true } else { return false } }
            ),
            (
                "CALLVAULT-IDENTITY-1 !!notbase64!!\n",
                { if case .malformedIdentityFile = $0 { return true } else { return false } }
            ),
            (
                "\(Fixtures.alice.recipient)\n",
                { if case .malformedIdentityFile = $0 { return true } else { return false } }
            ),
            (
                "\(dataLine)\n\(dataLine)\n",
                { if case .malformedIdentityFile = $0 { return true } else { return false } }
            ),
        ]
        for (input, matches) in cases {
            #expect {
                try IdentityFile.open(input, passphrase: passphrase)
            } throws: { error in
                guard let error = error as? CryptoError else { return false }
                return matches(error)
            }
        }
    }

    @Test("a substituted public key in the file is detected after opening")
    func substitutedRecipient() throws {
        let text = try Self.sealedAlice()
        let bobFile = try IdentityFile.seal(Fixtures.bob, passphrase: Passphrase(Self.passphrase), parameters: .minimum)
        // Splice bob's public key (bytes 57..<89 of the body) into alice's file.
        func body(_ text: String) throws -> [UInt8] {
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("CALLVAULT-IDENTITY-") })
            return try #require(Data(base64Encoded: String(line.split(separator: " ")[1])).map { Array($0) })
        }
        var spliced = try body(text)
        spliced.replaceSubrange(57..<89, with: try body(bobFile)[57..<89])
        let forged = "CALLVAULT-IDENTITY-1 \(Data(spliced).base64EncodedString())\n"
        #expect(throws: CryptoError.identityFileInconsistent) {
            try IdentityFile.open(forged, passphrase: Passphrase(Self.passphrase))
        }
    }
}

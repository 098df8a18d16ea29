import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import Foundation
import Testing

@Suite("Signed consent receipts")
struct ConsentReceiptTests {
    static func receipt() throws -> ConsentReceipt {
        var machine = ConsentScript.machine()
        _ = try machine.callStarted(
            callID: "call-7", direction: .inbound,
            participants: [ConsentScript.customer("DE"), ConsentScript.agent("DE")],
            at: ConsentScript.at(0))
        _ = try machine.announcementStarted(
            party: "customer", script: ConsentScript.script(.consentRequest, language: "de"), at: ConsentScript.at(1))
        let actions = try machine.keyPressed(party: "customer", key: "1", at: ConsentScript.at(4))
        return try #require(ConsentScript.receipts(actions).first)
    }

    @Test("a signed receipt verifies with the organisation's key and round-trips through its file")
    func roundTrip() throws {
        let key = try SigningKey.generate()
        let receipt = try Self.receipt()
        let signed = try SignedConsentReceipt(signing: receipt, with: key)
        #expect(try signed.verified(by: key.verifyingKey) == receipt)
        let file = try signed.fileContents()
        #expect(file.contains("\"format\" : \"callvault-consent-receipt/1\""))
        #expect(file.contains("\"outcome\":\"consented\""), "the file is readable")
        let read = try SignedConsentReceipt(fileContents: file)
        #expect(try read.verified(by: key.verifyingKey) == receipt)
        #expect(receipt.outcome == .consented)
        #expect(receipt.method == .keypress)
        #expect(receipt.requirement == .consent)
        #expect(receipt.noticeSuffices == false)
        #expect(receipt.governing.map(\.code).contains("DE"))
    }

    @Test("canonical bytes are the same every time and sorted")
    func canonical() throws {
        let receipt = try Self.receipt()
        let first = try SignedConsentReceipt.canonicalBytes(of: receipt)
        #expect(try SignedConsentReceipt.canonicalBytes(of: receipt) == first)
        let text = String(decoding: first, as: UTF8.self)
        #expect(!text.contains("\n") && !text.contains(": "))
        #expect(text.hasPrefix("{\"announcement\":"))
    }

    @Test("changing any byte of the signed payload fails verification")
    func everyPayloadByte() throws {
        let key = try SigningKey.generate()
        let signed = try SignedConsentReceipt(signing: Self.receipt(), with: key)
        let file = try signed.fileContents()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(file.utf8)) as? [String: Any])
        let encodedPayload = try #require(object["signedPayload"] as? String)
        let payload = try #require(Data(base64Encoded: encodedPayload))
        for index in stride(from: 0, to: payload.count, by: 7) {
            var altered = Array(payload)
            altered[index] ^= 0x01
            var edited = object
            edited["signedPayload"] = Data(altered).base64EncodedString()
            let text = String(decoding: try JSONSerialization.data(withJSONObject: edited), as: UTF8.self)
            #expect(throws: SignedDocumentError.self, "byte \(index)") {
                try SignedConsentReceipt(fileContents: text).verified(by: key.verifyingKey)
            }
        }
    }

    @Test("editing the readable copy, the signature or the signer is caught")
    func otherEdits() throws {
        let key = try SigningKey.generate()
        let file = try SignedConsentReceipt(signing: Self.receipt(), with: key).fileContents()
        #expect(throws: SignedDocumentError.readableCopyAltered) {
            try SignedConsentReceipt(fileContents: file.replacingOccurrences(of: "\"consented\"", with: "\"declined\""))
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(file.utf8)) as? [String: Any])
        var badSignature = object
        var signature = try #require(object["signature"] as? String)
        signature = (signature.first == "0" ? "1" : "0") + signature.dropFirst()
        badSignature["signature"] = signature
        #expect(throws: SignedDocumentError.signatureInvalid) {
            try SignedConsentReceipt(
                fileContents: String(decoding: try JSONSerialization.data(withJSONObject: badSignature), as: UTF8.self)
            ).verified(by: key.verifyingKey)
        }
        let stranger = try SigningKey.generate()
        #expect {
            try SignedConsentReceipt(fileContents: file).verified(by: stranger.verifyingKey)
        } throws: { error in
            if case SignedDocumentError.wrongSigner = error { return true }
            return false
        }
        #expect(throws: SignedDocumentError.self) { try SignedConsentReceipt(fileContents: "not json") }
    }
}

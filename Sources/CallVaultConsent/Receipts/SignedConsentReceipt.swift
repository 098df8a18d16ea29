public import CallVaultCore
public import CallVaultCrypto
import Foundation

/// A consent receipt signed with the organisation's Ed25519 key.
///
/// The signature covers the receipt's canonical bytes: UTF-8 JSON with keys sorted, no
/// insignificant whitespace, times as integer milliseconds. Those bytes are kept in the file
/// (``signedPayload``) and are what is verified; the readable ``receipt`` beside them must decode
/// from the same bytes, so changing a byte anywhere fails verification.
///
/// ```swift
/// let signed = try SignedConsentReceipt(signing: receipt, with: organisationKey)
/// let file = try signed.fileContents()          // give this to the customer
/// let checked = try SignedConsentReceipt(fileContents: file).verified(by: organisationKey.verifyingKey)
/// ```
public struct SignedConsentReceipt: Hashable, Sendable {
    /// The file format's identifier.
    public static let fileFormat = "callvault-consent-receipt/1"

    /// The receipt, as decoded from ``signedPayload``.
    public let receipt: ConsentReceipt
    /// The canonical bytes the signature covers.
    public let signedPayload: [UInt8]
    /// The Ed25519 signature over ``signedPayload``.
    public let signature: Signature
    /// The key that made the signature, as the file claims it; trust comes from the key you verify with.
    public let signer: VerifyingKey

    /// Signs `receipt`.
    public init(signing receipt: ConsentReceipt, with key: SigningKey) throws {
        let payload = try Self.canonicalBytes(of: receipt)
        self.receipt = receipt
        self.signedPayload = payload
        self.signature = try key.signature(for: payload)
        self.signer = key.verifyingKey
    }

    /// The canonical bytes of a receipt.
    public static func canonicalBytes(of receipt: ConsentReceipt) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(receipt))
    }

    /// The receipt if the signature verifies with `key`.
    ///
    /// - Throws: ``ConsentReceiptError/wrongSigner(expected:found:)`` when the file names another key,
    ///   ``ConsentReceiptError/signatureInvalid`` when a byte was changed.
    public func verified(by key: VerifyingKey) throws -> ConsentReceipt {
        guard signer == key else {
            throw ConsentReceiptError.wrongSigner(expected: key.description, found: signer.description)
        }
        do {
            try key.verify(signature, for: signedPayload)
        } catch {
            throw ConsentReceiptError.signatureInvalid
        }
        return receipt
    }

    /// The receipt as a JSON file: readable receipt, signed payload (base64), signature and signer.
    public func fileContents() throws -> String {
        let file = ReceiptFile(
            format: Self.fileFormat, receipt: receipt, signedPayload: Data(signedPayload).base64EncodedString(),
            signature: signature.description, signer: signer.description)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(file), as: UTF8.self) + "\n"
    }

    /// Reads a receipt file. The readable receipt must match the signed payload; the signature is
    /// checked by ``verified(by:)``.
    public init(fileContents text: String) throws {
        let file: ReceiptFile
        do {
            file = try JSONDecoder().decode(ReceiptFile.self, from: Data(text.utf8))
        } catch {
            throw ConsentReceiptError.malformedFile(reason: "it is not a receipt file (\(error))")
        }
        guard file.format == Self.fileFormat else {
            throw ConsentReceiptError.malformedFile(reason: "format '\(file.format)' is not \(Self.fileFormat)")
        }
        guard let payload = Data(base64Encoded: file.signedPayload),
            let signatureBytes = Self.hexBytes(file.signature), let signerBytes = Self.hexBytes(file.signer)
        else {
            throw ConsentReceiptError.malformedFile(
                reason: "the payload, signature or signer is not encoded as expected")
        }
        let signed: ConsentReceipt
        do {
            signed = try JSONDecoder().decode(ConsentReceipt.self, from: payload)
        } catch {
            throw ConsentReceiptError.signatureInvalid
        }
        guard signed == file.receipt else { throw ConsentReceiptError.readableCopyAltered }
        self.receipt = signed
        self.signedPayload = Array(payload)
        do {
            self.signature = try Signature(rawRepresentation: signatureBytes)
            self.signer = try VerifyingKey(rawRepresentation: signerBytes)
        } catch {
            throw ConsentReceiptError.malformedFile(reason: "the signature or signer has the wrong length")
        }
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < utf8.count {
            guard let byte = UInt8(String(decoding: utf8[index..<index + 2], as: UTF8.self), radix: 16) else {
                return nil
            }
            bytes.append(byte)
            index += 2
        }
        return bytes
    }
}

private struct ReceiptFile: Codable {
    var format: String
    var receipt: ConsentReceipt
    var signedPayload: String
    var signature: String
    var signer: String
}

/// Errors reading or verifying a consent receipt.
public enum ConsentReceiptError: CallVaultError, Equatable {
    /// The file is not a receipt file.
    case malformedFile(reason: String)
    /// The signature does not verify: the receipt or its signature was changed.
    case signatureInvalid
    /// The readable receipt differs from the signed one: someone edited the readable copy.
    case readableCopyAltered
    /// The file was signed by a different key than the one it is being checked against.
    case wrongSigner(expected: String, found: String)

    /// A sentence saying what is wrong and what to do.
    public var description: String {
        switch self {
        case .malformedFile(let reason):
            "Not a valid consent receipt: \(reason)."
        case .signatureInvalid:
            "The consent receipt's signature does not verify: the receipt was altered after it was signed. Ask the organisation for its own copy."
        case .readableCopyAltered:
            "The readable part of the consent receipt differs from the signed part: it was edited. Only the signed part is authoritative."
        case .wrongSigner(let expected, let found):
            "The receipt was signed by key \(found), not by the key given (\(expected)); check you have the organisation's current public key."
        }
    }
}

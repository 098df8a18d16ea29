public import CallVaultCore
import CallVaultSupport
import Foundation

/// A record that can be signed and handed to someone who checks it later: a consent receipt, a
/// deletion certificate, an export manifest.
public protocol SignableDocument: Codable, Hashable, Sendable {
    /// The file format's identifier, for example `callvault-consent-receipt/1`; a file of another
    /// format is refused.
    static var documentFormat: String { get }
}

/// A document signed with an organisation's Ed25519 key.
///
/// The signature covers the document's canonical bytes: UTF-8 JSON with keys sorted, no
/// insignificant whitespace. Those bytes travel in the file (``signedPayload``) and are what is
/// verified; the readable copy beside them must decode to the same document, so changing a byte
/// anywhere fails verification.
///
/// ```swift
/// let signed = try SignedDocument(signing: certificate, with: organisationKey)
/// let file = try signed.fileContents()
/// let checked = try SignedDocument<DeletionCertificate>(fileContents: file).verified(by: organisationKey.verifyingKey)
/// ```
public struct SignedDocument<Content: SignableDocument>: Hashable, Sendable {
    /// The document, as decoded from ``signedPayload``.
    public let content: Content
    /// The canonical bytes the signature covers.
    public let signedPayload: [UInt8]
    /// The Ed25519 signature over ``signedPayload``.
    public let signature: Signature
    /// The key that made the signature, as the file claims it; trust comes from the key you verify with.
    public let signer: VerifyingKey

    /// Signs `content`.
    public init(signing content: Content, with key: SigningKey) throws {
        let payload = try Self.canonicalBytes(of: content)
        self.content = content
        self.signedPayload = payload
        self.signature = try key.signature(for: payload)
        self.signer = key.verifyingKey
    }

    /// The canonical bytes of a document.
    public static func canonicalBytes(of content: Content) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(content))
    }

    /// The document if the signature verifies with `key`.
    ///
    /// - Throws: ``SignedDocumentError/wrongSigner(expected:found:)`` when the file names another
    ///   key, ``SignedDocumentError/signatureInvalid`` when a byte was changed.
    public func verified(by key: VerifyingKey) throws -> Content {
        guard signer == key else {
            throw SignedDocumentError.wrongSigner(expected: key.description, found: signer.description)
        }
        do {
            try key.verify(signature, for: signedPayload)
        } catch {
            throw SignedDocumentError.signatureInvalid
        }
        return content
    }

    /// The document as a JSON file: format, readable copy, signed payload (base64), signature and signer.
    public func fileContents() throws -> String {
        // The readable copy is the signed payload itself (canonical JSON, so already valid JSON that
        // decodes to `content`), not a second encoding of the document.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let format = String(decoding: try encoder.encode(Content.documentFormat), as: UTF8.self)
        return "{\n  \"document\" : " + String(decoding: signedPayload, as: UTF8.self) + ",\n  \"format\" : " + format
            + ",\n  \"signature\" : \"" + signature.description + "\",\n  \"signedPayload\" : \""
            + Data(signedPayload).base64EncodedString() + "\",\n  \"signer\" : \"" + signer.description + "\"\n}\n"
    }

    /// Reads a signed file. The readable copy must match the signed payload; the signature is checked
    /// by ``verified(by:)``.
    public init(fileContents text: String) throws {
        let file: SignedFile<Content>
        do {
            file = try JSONDecoder().decode(SignedFile<Content>.self, from: Data(text.utf8))
        } catch {
            throw SignedDocumentError.malformedFile(reason: "it is not a \(Content.documentFormat) file (\(error))")
        }
        guard file.format == Content.documentFormat else {
            throw SignedDocumentError.malformedFile(reason: "format '\(file.format)' is not \(Content.documentFormat)")
        }
        // Each encoding must be the one the writer produces (lower-case hex, padded base64 with no
        // stray bits), so a signed file has exactly one spelling and no byte of it can change unseen.
        guard let payload = Data(base64Encoded: file.signedPayload),
            payload.base64EncodedString() == file.signedPayload,
            let signatureBytes = Hex.decode(file.signature), Hex.encode(signatureBytes) == file.signature,
            let signerBytes = Hex.decode(file.signer), Hex.encode(signerBytes) == file.signer
        else {
            throw SignedDocumentError.malformedFile(
                reason: "the payload, signature or signer is not encoded as a signed file writes it")
        }
        let signed: Content
        do {
            signed = try JSONDecoder().decode(Content.self, from: payload)
        } catch {
            throw SignedDocumentError.signatureInvalid
        }
        guard signed == file.document else { throw SignedDocumentError.readableCopyAltered }
        self.content = signed
        self.signedPayload = Array(payload)
        do {
            self.signature = try Signature(rawRepresentation: signatureBytes)
            self.signer = try VerifyingKey(rawRepresentation: signerBytes)
        } catch {
            throw SignedDocumentError.malformedFile(reason: "the signature or signer has the wrong length")
        }
    }
}

private struct SignedFile<Document: Codable>: Codable {
    var format: String
    var document: Document
    var signedPayload: String
    var signature: String
    var signer: String
}

/// Errors reading or verifying a signed document.
public struct SignedDocumentError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``SignedDocumentError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = SignedDocumentError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The file is not a signed document of the expected format.
        public static let malformedFile = Code("signeddocument.malformed-file")
        /// The signature does not verify: the document or its signature was changed.
        public static let signatureInvalid = Code("signeddocument.signature-invalid")
        /// The readable copy differs from the signed one: someone edited the readable copy.
        public static let readableCopyAltered = Code("signeddocument.readable-copy-altered")
        /// The file was signed by a different key than the one it is being checked against.
        public static let wrongSigner = Code("signeddocument.wrong-signer")

        /// Every code of this type.
        public static let all: [Code] = [
            malformedFile, signatureInvalid, readableCopyAltered, wrongSigner,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// The file is not a signed document of the expected format.
        case malformedFile(reason: String)
        /// The signature does not verify: the document or its signature was changed.
        case signatureInvalid
        /// The readable copy differs from the signed one: someone edited the readable copy.
        case readableCopyAltered
        /// The file was signed by a different key than the one it is being checked against.
        case wrongSigner(expected: String, found: String)
    }

    /// What happened, with its details.
    package let reason: Reason
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an error from its reason and cause.
    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is.
    public var code: Code {
        switch reason {
        case .malformedFile: .malformedFile
        case .signatureInvalid: .signatureInvalid
        case .readableCopyAltered: .readableCopyAltered
        case .wrongSigner: .wrongSigner
        }
    }

    /// A sentence saying what is wrong and what to do.
    public var message: String {
        switch reason {
        case .malformedFile(let reason):
            "Not a valid signed document: \(reason)."
        case .signatureInvalid:
            "The signature does not verify: the document was altered after it was signed. Ask the organisation for its own copy."
        case .readableCopyAltered:
            "The readable part of the document differs from the signed part: it was edited. Only the signed part is authoritative."
        case .wrongSigner(let expected, let found):
            "The document was signed by key \(found), not by the key given (\(expected)); check you have the organisation's current public key."
        }
    }

    /// The file is not a signed document of the expected format.
    public static func malformedFile(reason: String) -> SignedDocumentError {
        SignedDocumentError(.malformedFile(reason: reason))
    }
    /// The code for ``malformedFile(reason:)``, for `catch SignedDocumentError.malformedFile`.
    public static let malformedFile = Code.malformedFile

    /// The signature does not verify: the document or its signature was changed.
    public static var signatureInvalid: SignedDocumentError { SignedDocumentError(.signatureInvalid) }

    /// The readable copy differs from the signed one: someone edited the readable copy.
    public static var readableCopyAltered: SignedDocumentError { SignedDocumentError(.readableCopyAltered) }

    /// The file was signed by a different key than the one it is being checked against.
    public static func wrongSigner(expected: String, found: String) -> SignedDocumentError {
        SignedDocumentError(.wrongSigner(expected: expected, found: found))
    }
    /// The code for ``wrongSigner(expected:found:)``, for `catch SignedDocumentError.wrongSigner`.
    public static let wrongSigner = Code.wrongSigner
}

import CallVault
import CallVaultAccess
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import FuzzSupport

/// Signed documents (SignedDocument's file form): consent receipts, deletion certificates, export
/// manifests, redaction certificates and access grants. Any text is read as each kind; it must give
/// a document or a typed error, and a document that reads must verify (or fail to) against its own
/// signer and re-encode without a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSignedDocuments(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let text = String(decoding: fuzzInput(start, count), as: UTF8.self)
    check(SignedDocument<ConsentReceipt>.self, text)
    check(SignedDocument<DeletionCertificate>.self, text)
    check(SignedDocument<ExportManifest>.self, text)
    check(SignedDocument<RedactionCertificate>.self, text)
    check(SignedDocument<AccessGrant>.self, text)
    return 0
}

func check<Content>(_ kind: SignedDocument<Content>.Type, _ text: String) {
    let document: SignedDocument<Content>
    do {
        document = try SignedDocument<Content>(fileContents: text)
    } catch let error as any CallVaultError {
        // A typed CallVault error with its sentence; anything else is a finding.
        _ = error.message
        return
    } catch {
        fatalError("not a CallVault error: \(type(of: error)): \(error)")
    }
    if let content = try? document.verified(by: document.signer) {
        // A document that verifies has one spelling: writing it back and reading it again gives it.
        if let rewritten = try? document.fileContents() {
            let reread = try? SignedDocument<Content>(fileContents: rewritten)
            precondition(reread?.content == content, "a verified document does not read back as itself")
        }
    }
}

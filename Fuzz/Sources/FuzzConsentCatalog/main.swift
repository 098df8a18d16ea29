import CallVaultConsent
import CallVaultCore
import FuzzSupport

/// The consent (jurisdiction) catalog CSV that `callvault consent --catalog` and hosts load: any
/// text must give a catalog or a typed error naming the line, never a crash; a catalog that loads
/// must answer lookups and merge over the bundled one.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConsentCatalog(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let text = String(decoding: fuzzInput(start, count), as: UTF8.self)
    let catalog: JurisdictionCatalog
    do {
        catalog = try JurisdictionCatalog(csv: text, label: "fuzz")
    } catch let error as any CallVaultError {
        // A typed CallVault error with its sentence; anything else is a finding.
        _ = error.message
        return 0
    } catch {
        fatalError("not a CallVault error: \(type(of: error)): \(error)")
    }
    _ = catalog.version
    for jurisdiction in catalog.rules.keys.prefix(8) {
        _ = catalog.rule(for: jurisdiction)
        _ = catalog.hasSubdivisions(of: jurisdiction)
    }
    if let bundled = try? JurisdictionCatalog.bundled {
        _ = bundled.overriding(with: catalog).rules.count
    }
    return 0
}

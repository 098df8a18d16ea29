public import Foundation

/// The repository's example files, read by the fuzz targets that need a valid counterpart for the
/// document they mutate (a policy to decide with, a principal and a recording to decide about).
public enum FuzzExamples {
    /// The repository root, found from this file's place in it.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The text of a file under the repository root; stops the fuzzer if it is missing.
    public static func text(_ relativePath: String) -> String {
        let url = repositoryRoot.appendingPathComponent(relativePath)
        guard let data = try? Data(contentsOf: url) else {
            fatalError("fuzz harness: cannot read \(url.path)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

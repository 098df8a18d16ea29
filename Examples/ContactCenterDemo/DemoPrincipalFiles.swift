import Foundation

/// The demo's people as principal files (`principals/<id>.json` in the vault folder), the form
/// `callvault vault play --as` and `callvault access check --principal` read, so a vendor can reach
/// the demo's recordings with the tool as those people with no set-up of their own.
///
/// Each file says who the person is (roles, team) and that they signed on with MFA when the demo
/// ran: the tool judges the policy's MFA windows (a supervisor's is 60 minutes) by its own clock,
/// so the sign-on is stamped with the real time, not the demo's simulated one. Training comes from
/// the vault's training register, which the tool adds to the file.
enum DemoPrincipalFiles {
    /// The people: id, role, team.
    static let people: [(id: String, role: String, team: String?)] = [
        ("maria.schmidt", "supervisor", "billing-de"),
        ("tom.baker", "agent", "sales-us"),
        ("lena.vogel", "complaints-handler", nil),
        ("priya.nair", "compliance-officer", nil),
    ]

    /// Writes one file per person into `vault/principals/`, signed on at `signedOnAt`.
    static func write(into vault: URL, signedOnAt: Date) throws -> URL {
        let folder = vault.appendingPathComponent("principals")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for person in people {
            var principal: [String: Any] = [
                "id": person.id,
                "roles": [person.role],
                "authentication": [
                    "method": "sso", "at": ISO8601DateFormatter().string(from: signedOnAt), "multiFactor": true,
                ] as [String: Any],
            ]
            if let team = person.team { principal["team"] = team }
            let json = try JSONSerialization.data(withJSONObject: principal, options: [.prettyPrinted, .sortedKeys])
            try PrivateFile.write(
                Array(json) + [UInt8(ascii: "\n")], to: folder.appendingPathComponent("\(person.id).json"))
        }
        return folder
    }
}

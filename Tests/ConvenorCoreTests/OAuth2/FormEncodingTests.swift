import Testing

@testable import ConvenorCore

/// `application/x-www-form-urlencoded` as the token request needs it (RFC 6749 Appendix B, WHATWG urlencoded).
@Suite struct FormEncodingTests {
    @Test(arguments: [
        ("client_credentials", "client_credentials"),
        ("https://outlook.office365.com/.default", "https%3A%2F%2Foutlook.office365.com%2F.default"),
        ("a b", "a+b"),
        ("Qx8~s3cr&t=+%2B", "Qx8%7Es3cr%26t%3D%2B%252B"),
        ("é", "%C3%A9"),
        ("*-._", "*-._"),
        ("/?#[]@!$'(),;", "%2F%3F%23%5B%5D%40%21%24%27%28%29%2C%3B"),
        ("", ""),
    ])
    func eachByteOutsideTheSafeSetIsEscaped(value: String, encoded: String) {
        #expect(FormEncoding.escape(value) == encoded)
    }

    @Test func fieldsAreJoinedInOrder() {
        let body = FormEncoding.encode([
            ("grant_type", "client_credentials"), ("client_id", "6f1d"), ("client_secret", "a&b=c"),
            ("scope", "x y"),
        ])
        #expect(body == "grant_type=client_credentials&client_id=6f1d&client_secret=a%26b%3Dc&scope=x+y")
    }
}

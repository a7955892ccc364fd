import Testing

@Suite struct VersionTests {
    @Test func versionNamesTheLinkedLibcurl() throws {
        let result = try ConvenorBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("libcurl/"))
    }
}

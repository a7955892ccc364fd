import ConvenorIO
import Testing

@Suite struct LibraryVersionsTests {
    @Test func libcurlIsLinkedAndReportsItsVersion() {
        #expect(LibraryVersions.curl.hasPrefix("libcurl/"))
    }
}

/**
 * Well-known sample values: tokens printed in specifications and providers' documentation, copied
 * into countless tutorials and tests. A finding of one is reported at low confidence: it is a
 * copy of the docs, not a leak. Data only; add a value with where it is published.
 */

/** The published sample values (exact secrets as a rule's `secret` group captures them). */
export const SAMPLE_VALUES: ReadonlySet<string> = new Set([
  // RFC 6749 (OAuth 2.0): access token, refresh token, authorization code, client credentials,
  // the resource owner password example, and the Basic header of s6BhdRkqt3:gX1fBat3bV
  "2YotnFZFEjr1zCsicMWpAA",
  "tGzv3JOkF0XG5Qx2TlKWIA",
  "SplxlOBeZQQYbYS6WxSbIA",
  "7Fjfp0ZBr1KtDRbnfVdmIw",
  "gX1fBat3bV",
  "A3ddj3w",
  "czZCaGRSa3F0MzpnWDFmQmF0M2JW",
  // RFC 6750 (bearer tokens) example token
  "mF_9.B5f-4.1JqM",
  // RFC 6455 (WebSocket) sample nonce and its Sec-WebSocket-Accept
  "dGhlIHNhbXBsZSBub25jZQ==",
  "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
  // jwt.io's default token (HS256, "John Doe")
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
  // AWS documentation (IAM user guide) example key pairs
  "AKIAIOSFODNN7EXAMPLE",
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "AKIAI44QH8DHBEXAMPLE",
  "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
  // Stripe API reference test-mode keys
  "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
  "pk_test_TYooMQauvdEDq54NiTphI7jx",
  "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
  "pk_test_6pRNASCoBOKtIshFeQd4XMUh",
  // Shopify changelog examples of the longer app secret, access, custom and private app tokens
  "shpss_QlRSJy5AXX1cILNjVatTsEIhFxuPF5ex",
  "shpat_r8TRc9ZXAvcVvcrmtr7qoVw69WeeY1ex",
  "shpca_7jqbg9cupMkZRxJKXWz3v8BvS8QBa7hMdJfAex",
  "shppa_7jqbg9cupMkZRxJKXWz3v8BvS8QBa7hMdJfAex",
  // Slack API docs (oauth.v2.access response example)
  "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
  // Mailgun documentation sample API key
  "key-3ax6xnjp29jd6fds4gc373sgvjxteol0",
  // 1Password's public SDK tests (service-account credentials fixture)
  "A3-C4ZJMN-PQTZTL-HGL84-G64M7-KVZRN-4ZVP6",
  // Google reCAPTCHA v2 documented test keys (site key, secret key)
  "6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI",
  "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe",
]);

/**
 * Words that test suites and docs use as user names and passwords: `user:pass`, `admin:admin`,
 * `foo:bar`. A credential made of these alone (decoded, when it was base64) is a test credential.
 */
export const TEST_WORDS: ReadonlySet<string> = new Set([
  "admin",
  "administrator",
  "alice",
  "bar",
  "baz",
  "bob",
  "changeit",
  "default",
  "demo",
  "dummy",
  "fake",
  "foo",
  "foobar",
  "guest",
  "hello",
  "hunter2",
  "jane",
  "john",
  "johndoe",
  "letmein",
  "login",
  "mock",
  "pass",
  "passw0rd",
  "passwd",
  "password",
  "password1",
  "password123",
  "pw",
  "pwd",
  "qux",
  "qwerty",
  "root",
  "sample",
  "secret",
  "secret123",
  "tester",
  "test",
  "test123",
  "testing",
  "testpass",
  "testpassword",
  "testuser",
  "user",
  "user1",
  "username",
  "usr",
  "world",
  "123456",
  "1234",
  "12345",
]);

namespace Coffer.Core.Tests.Bitwarden;

/// <summary>The worked test vector of the Bitwarden SM protocol spec, §4.6 (from the official SDK's tests and fake server).</summary>
internal static class TestVector
{
    public const string Token = "0.ec2c1d46-6a4b-4751-a310-af9601317f2d.C2IgxjjLF7qSshsbwe8JGcbM075YXw:X8vbvA0bduihIDe/qrzIQQ==";
    public const string ClientId = "ec2c1d46-6a4b-4751-a310-af9601317f2d";
    public const string ClientSecret = "C2IgxjjLF7qSshsbwe8JGcbM075YXw";
    public const string SecretHex = "5fcbdbbc0d1b76e8a12037bfaabcc841";
    public const string TokenKey = "H9/oIRLtL9nGCQOVDjSMoEbJsjWXSOCb3qeyDt6ckzS3FhyboEDWyTP/CQfbIszNmAVg2ExFganG1FVFGXO/Jg==";
    public const string Payload = "2.E9fE8+M/VWMfhhim1KlCbQ==|eLsHR484S/tJbIkM6spnG/HP65tj9A6Tba7kAAvUp+rYuQmGLixiOCfMsqt5OvBctDfvvr/AesBu7cZimPLyOEhqEAjn52jF0eaI38XZfeOG2VJl0LOf60Wkfh3ryAMvfvLj3G4ZCNYU8sNgoC2+IQ==|lNApuCQ4Pyakfo/wwuuajWNaEX/2MW8/3rjXB/V7n+k=";
    public const string OrgKey = "k/6PcwG7Hm/eZfvvOvP6EqGx1JKgbzYrWwpOIHsxbJHQMpIMg5Ud94AQHduSR+XMMaFiSB+nszbO4JPXj04YwA==";

    public static readonly (string Cipher, string Plain)[] OrgCiphertexts =
    [
        ("2.pMS6/icTQABtulw52pq2lg==|XXbxKxDTh+mWiN1HjH2N1w==|Q6PkuT+KX/axrgN9ubD5Ajk2YNwxQkgs3WJM0S0wtG8=", "TEST"),
        ("2.WYqmVCB2wZc08tkzNOCmTw==|FAsVol/nJnnDk3/mp7z6QQ==|uPJOCC8iAbMzz4t60c35iZm8KzWKMn0ueCVJZlfmTdY=", "btw"),
        ("2.S57kOfi1kIHjToxwR6sEuQ==|lTop/7iWWUveCGWXrHbHwg==|YrtUfrlRRN+ff8Re7txi2dTT9Ul0cwmiFWDgVpdWGlc=", ""),
        ("2.OldQj0RJKww0WN7RSxI1wQ==|TpxAbmdx6zIVo37YJ5n1aQ==|06Imyx7jqaZ5J5amrBboCVPwvPoDKB8REJdToQwp3dA=", "TUX"),
        ("2.oEDp566lC9VYHn6XmusxfA==|Gj23w5q2NZ4z9PNne1d0ug==|y7K5TgMJFI0T0yFwLXzAMf9OBANNT567hLQ+z7G2rac=", "🐧"),
        ("2.DmcNJqtzi+nPWY9gJR4nMw==|IEkn2x+C0YLmnQ/qm0EfOcMGcRZDkexFkDW9BPw3wRQ=|TxxTeBKqL0QYLT+89F0KfI81BbBryXnNNAjU9DGKuuY=", "Production Environment"),
        ("2.yvALRqGimwssILfP6fAPGw==|J1xFKmNZ9TiXaLPvvJt45Q==|/gT0Vg7ggBz6ek/SikW9MhnYCfUlt2HkAsPXaS3YVSs=", "my new key"),
    ];

    public static readonly byte[] FixedIv = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
    public const string HelloUnderOrgKey = "2.AAECAwQFBgcICQoLDA0ODw==|VwOEp2FzrWjURv+b52/5UA==|1umZ/+LMxKEMXByTbSvYPgaxmhSvVPnAZTv1B8V6gss=";
    public const string EmptyUnderOrgKey = "2.AAECAwQFBgcICQoLDA0ODw==|t5CRZfm/UGy3ikJdRZxKnw==|qAps4AM+dnkLvjnrvqtlN2zV6K2TIWJIqEUYfrtBojk=";
    public const string PayloadWithFixedIv = "2.AAECAwQFBgcICQoLDA0ODw==|w07JN6IIBdOzb6030cTbC5IY507Xk54D6621SIXERX5WbIUSBqbaDus1Fy0OMbnp7E8LmL/K1VMpwvgZsWhX6CjAVCnyIyuWA6KwcMn0WTxCyGydbfXNVtgY9bVxfuKQ/UlN7nDdK4KBgvOZljH4Zw==|F9aP62cFc81mC63ZH18PVwWLL2qc+7bKotGmIyiN6F8=";
}

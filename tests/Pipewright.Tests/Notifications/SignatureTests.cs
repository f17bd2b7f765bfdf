using Pipewright.Notifications.Channels;

namespace Pipewright.Tests.Notifications;

/// <summary>The test vectors of docs/domain-facts.md, reproduced exactly.</summary>
public sealed class SignatureTests
{
    [Fact]
    public void DingTalk_signs_the_timestamp_and_secret_as_the_documented_vector()
    {
        Assert.Equal("figG6qqCA/lRh0hsGCW2zNtNV5znkAFut5BI0zKhqnQ=", Signatures.DingTalk("SECexample0123456789", 1700000000000));
    }

    [Fact]
    public void Feishu_signs_with_the_timestamp_and_secret_as_key_as_the_documented_vector()
    {
        Assert.Equal("YeHIwcqNgOCRdRIE9cBfhSWXuleWsBA7Qoq8Y3ZKOWU=", Signatures.Feishu("example-feishu-secret", 1700000000));
    }
}

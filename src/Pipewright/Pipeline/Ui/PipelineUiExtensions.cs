namespace Pipewright.Pipeline.Ui;

/// <summary>
/// The file picker of the requirement dialog. Files belong to Activities, a module beside this one, so a module
/// above both registers the component; it takes the parameters <c>Id</c> (string), <c>Accept</c> (string) and
/// <c>Uploaded</c> (EventCallback&lt;UploadedFile&gt;).
/// </summary>
public sealed record EvidenceUploader(Type Component);

/// <summary>A file the uploader stored: its attachment id is what a requirement takes.</summary>
public sealed record UploadedFile(Guid Id, string FileName, bool IsImage);

/// <summary>
/// A tab that a module above Pipeline adds to the opportunity page (follow-ups …): rendered with the parameters
/// <c>OpportunityId</c> and <c>CustomerId</c> (Guid) without the page knowing the module.
/// </summary>
public sealed record OpportunityTab(string Key, string TitleKey, Type Component, int Order);

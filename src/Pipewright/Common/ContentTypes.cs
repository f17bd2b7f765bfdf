namespace Pipewright.Common;

/// <summary>Media types the app sends files as; one place, so that every download names a sheet the same way.</summary>
public static class ContentTypes
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

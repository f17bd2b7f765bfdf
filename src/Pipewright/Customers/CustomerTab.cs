namespace Pipewright.Customers;

/// <summary>
/// A tab that a module above Customers adds to the customer page (follow-ups, deals, quotes): the page renders
/// <paramref name="Component"/> with a <c>CustomerId</c> parameter without knowing the module.
/// </summary>
public sealed record CustomerTab(string Key, string TitleKey, Type Component, int Order);

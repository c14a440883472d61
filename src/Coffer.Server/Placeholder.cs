namespace Coffer.Server; internal static class Placeholder;

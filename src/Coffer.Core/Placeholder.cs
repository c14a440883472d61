namespace Coffer.Core; internal static class Placeholder;

import Box from "@mui/material/Box";

/** Preformatted text (output, JSON) that scrolls instead of stretching the page. */
export function CodeBlock({
  children,
  testId,
  maxHeight = 360,
}: {
  children: string;
  testId?: string;
  maxHeight?: number;
}) {
  return (
    <Box
      component="pre"
      data-testid={testId}
      tabIndex={0}
      sx={{
        m: 0,
        p: 1.5,
        maxHeight,
        overflow: "auto",
        fontFamily: "monospace",
        fontSize: 12,
        lineHeight: 1.5,
        whiteSpace: "pre-wrap",
        wordBreak: "break-word",
        bgcolor: "action.hover",
        borderRadius: 1,
      }}
    >
      {children}
    </Box>
  );
}

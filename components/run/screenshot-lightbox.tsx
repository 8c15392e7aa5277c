"use client";
import CloseRounded from "@mui/icons-material/CloseRounded";
import OpenInNewRounded from "@mui/icons-material/OpenInNewRounded";
import Box from "@mui/material/Box";
import ButtonBase from "@mui/material/ButtonBase";
import Dialog from "@mui/material/Dialog";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import IconButton from "@mui/material/IconButton";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import { useId, useState } from "react";

/** A screenshot's thumbnail that opens the full image over the page (Escape or the close button returns). */
export function ScreenshotLightbox({ src, page }: { src: string; page: string }) {
  const [open, setOpen] = useState(false);
  const titleId = useId();
  return (
    <>
      <ButtonBase
        onClick={() => setOpen(true)}
        aria-label={`Open the screenshot of ${page}`}
        data-testid="screenshot-thumbnail"
        sx={{
          flexShrink: 0,
          display: "block",
          width: { xs: "100%", sm: 200 },
          border: 1,
          borderColor: "divider",
          borderRadius: 1,
          overflow: "hidden",
          cursor: "zoom-in",
        }}
      >
        <Box component="img" src={src} alt="" loading="lazy" sx={{ width: "100%", display: "block" }} />
      </ButtonBase>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        maxWidth="lg"
        fullWidth
        aria-labelledby={titleId}
        data-testid="screenshot-lightbox"
      >
        <DialogTitle id={titleId} sx={{ pr: 7, overflowWrap: "anywhere" }}>
          Screenshot of {page}
          <IconButton aria-label="Close" onClick={() => setOpen(false)} sx={{ position: "absolute", right: 8, top: 8 }}>
            <CloseRounded />
          </IconButton>
        </DialogTitle>
        <DialogContent>
          <Stack spacing={1}>
            <Box
              component="img"
              src={src}
              alt={`Screenshot of ${page}`}
              sx={{ width: "100%", height: "auto", display: "block", border: 1, borderColor: "divider" }}
            />
            <Link href={src} target="_blank" rel="noreferrer" variant="body2" sx={{ alignSelf: "flex-start" }}>
              Open the image on its own <OpenInNewRounded sx={{ fontSize: 14, verticalAlign: "middle" }} />
            </Link>
          </Stack>
        </DialogContent>
      </Dialog>
    </>
  );
}

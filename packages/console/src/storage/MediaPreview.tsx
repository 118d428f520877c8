import { type SyntheticEvent, useRef, useState } from 'react';

interface MediaPreviewProps {
  kind: 'audio' | 'video';
  /** The first link to the object. */
  url: string;
  label: string;
  /** A new link to the same object. */
  relink: () => Promise<string>;
}

/**
 * Audio or video through a link. The player asks for parts as it plays and seeks (the gateway
 * answers ranges), each a new request on the link, and it loads metadata only until played. A
 * link lives a minute, so a seek after a long pause finds it gone and the player fails: then a
 * new link takes over at the same position (and playing again if it was). Once per load, so an
 * object that is really gone shows the player's failure rather than a loop.
 */
export function MediaPreview({ kind, url: first, label, relink }: MediaPreviewProps) {
  const [url, setUrl] = useState(first);
  const retried = useRef(false);
  const resume = useRef<{ at: number; playing: boolean } | undefined>(undefined);

  const onError = (event: SyntheticEvent<HTMLMediaElement>) => {
    const media = event.currentTarget;
    const code = media.error?.code;
    if (retried.current || (code !== MediaError.MEDIA_ERR_NETWORK && code !== MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED))
      return;
    retried.current = true;
    resume.current = { at: media.currentTime, playing: !media.paused };
    relink().then(setUrl, () => undefined);
  };

  const onLoadedMetadata = (event: SyntheticEvent<HTMLMediaElement>) => {
    const media = event.currentTarget;
    retried.current = false;
    const at = resume.current;
    resume.current = undefined;
    if (at === undefined) return;
    media.currentTime = at.at;
    if (at.playing) void media.play().catch(() => undefined);
  };

  const props = { src: url, controls: true, preload: 'metadata', 'aria-label': label, onError, onLoadedMetadata };
  return kind === 'video' ? <video {...props} /> : <audio {...props} />;
}

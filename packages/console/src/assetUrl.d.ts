// Vite's `?url` imports (the console's tsconfig loads no vite/client types): the built file's URL.
declare module '*?url' {
  const url: string;
  export default url;
}

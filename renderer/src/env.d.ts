// Vite handles these imports at build time.
declare module '*.css';

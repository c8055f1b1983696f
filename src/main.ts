import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/theme.css';
import './ui/panels.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no element with id "app" to mount the app into');

mount(App, { target });

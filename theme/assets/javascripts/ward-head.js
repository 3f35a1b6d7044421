// The reader's text size (A- / A / A+, ward-reader.js), applied before the page is drawn.
try{var s=localStorage.getItem("ward-font-step");if(s)document.documentElement.setAttribute("data-ward-font",s)}catch(e){}
